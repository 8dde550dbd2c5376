package io.sadtalker.core.image;

import io.sadtalker.core.MediaException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * The pixel size an encoded picture declares in its header, read without decoding its pixels: PNG, JPEG, BMP,
 * GIF and TIFF through the JDK's Image I/O readers (for GIF the larger of the logical screen and the first frame),
 * WebP (VP8, VP8L, VP8X) from its RIFF chunk.
 */
record ImageHeader(long width, long height) {
    /** The header of {@code encoded}; a {@link MediaException} naming {@code name} when it has none it knows. */
    public static ImageHeader read(byte[] encoded, String name) {
        if (isWebp(encoded)) {
            return webp(encoded, name);
        }
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new MediaException("image file " + name + " is not a picture format that is accepted"
                        + " (PNG, JPEG, BMP, GIF, TIFF, WebP)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (isGif(encoded)) { // decoders draw onto the logical screen, which may be larger than frame 0
                    width = Math.max(width, uint16(encoded, 6));
                    height = Math.max(height, uint16(encoded, 8));
                }
                return new ImageHeader(width, height);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof MediaException m) {
                throw m;
            }
            throw new MediaException("image file " + name + " has no readable header: " + e.getMessage(), e);
        }
    }

    static boolean isWebp(byte[] b) {
        return b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F'
                && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P';
    }

    private static boolean isGif(byte[] b) {
        return b.length >= 10 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F';
    }

    private static long uint16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    /** The first chunk of a WebP file: VP8X (canvas size), VP8L (lossless bitstream) or VP8 (key frame). */
    private static ImageHeader webp(byte[] b, String name) {
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        if (b.length >= 30 && b[12] == 'V' && b[13] == 'P' && b[14] == '8') {
            switch (b[15]) {
                case 'X':
                    return new ImageHeader(1 + uint24(b, 24), 1 + uint24(b, 27));
                case 'L':
                    int bits = le.getInt(21);
                    return new ImageHeader(1 + (bits & 0x3FFF), 1 + ((bits >>> 14) & 0x3FFF));
                case ' ':
                    return new ImageHeader(le.getShort(26) & 0x3FFF, le.getShort(28) & 0x3FFF);
                default:
                    break;
            }
        }
        throw new MediaException("image file " + name + " is a WebP file without a readable VP8/VP8L/VP8X header");
    }

    private static long uint24(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16;
    }
}
