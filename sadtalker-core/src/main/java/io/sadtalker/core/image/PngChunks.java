package io.sadtalker.core.image;

import io.sadtalker.core.MediaException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Checks a PNG file's chunk structure before it reaches OpenCV: every chunk lies within the file, its CRC matches,
 * and an {@code IEND} chunk ends it. OpenCV's decoder spends seconds on a broken file (e.g. a 68-byte PNG whose
 * {@code IDAT} declares 4 GB), so malformed input is refused here, in time linear in the file's size.
 */
final class PngChunks {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private PngChunks() {
    }

    static boolean isPng(byte[] encoded) {
        return encoded.length >= SIGNATURE.length
                && Arrays.equals(encoded, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length);
    }

    /** Refuses a PNG whose chunks overrun the file, fail their CRC, or do not end with {@code IEND}. */
    static void check(byte[] encoded, String name) {
        long pos = SIGNATURE.length;
        while (pos + 12 <= encoded.length) {
            int at = (int) pos;
            long length = Integer.toUnsignedLong(readInt(encoded, at));
            String type = new String(encoded, at + 4, 4, StandardCharsets.ISO_8859_1);
            if (pos + 12 + length > encoded.length) {
                throw new MediaException("image file " + name + " is a broken PNG: chunk " + type + " at byte " + pos
                        + " declares " + length + " bytes, past the end of the file (" + encoded.length + " bytes)");
            }
            CRC32 crc = new CRC32();
            crc.update(encoded, at + 4, 4 + (int) length);
            int stored = readInt(encoded, at + 8 + (int) length);
            if ((int) crc.getValue() != stored) {
                throw new MediaException("image file " + name + " is a broken PNG: chunk " + type + " at byte " + pos
                        + " fails its CRC");
            }
            if (type.equals("IEND")) {
                return;
            }
            pos += 12 + length;
        }
        throw new MediaException("image file " + name + " is a broken PNG: it ends without an IEND chunk");
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }
}
