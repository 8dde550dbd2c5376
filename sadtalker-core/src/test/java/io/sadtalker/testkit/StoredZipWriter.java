package io.sadtalker.testkit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Writes an uncompressed zip as PyTorch's {@code PyTorchStreamWriter} does: STORED entries whose data start on
 * 64-byte boundaries (padding in an {@code FB} extra field). Entry data are streamed; the CRC is patched into the
 * local header afterwards, so nothing is held in memory. No zip64 (entries and archive below 4 GiB).
 */
final class StoredZipWriter implements AutoCloseable {
    private static final int ALIGNMENT = 64;
    private static final int DOS_DATE_1980_01_01 = (1 << 5) | 1;

    private record Central(byte[] name, long crc, long size, long headerOffset) {
    }

    /** Streams an entry's bytes. */
    @FunctionalInterface
    interface Body {
        void write(SyntheticWeights.ChunkSink sink) throws IOException;
    }

    private final FileChannel channel;
    private final List<Central> entries = new ArrayList<>();

    StoredZipWriter(FileChannel channel) {
        this.channel = channel;
    }

    /** Adds entry {@code name} of exactly {@code size} bytes produced by {@code body}. */
    void add(String name, long size, Body body) throws IOException {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        long headerOffset = channel.position();
        int pad = (int) Math.floorMod(-(headerOffset + 30 + n.length + 4), (long) ALIGNMENT);
        ByteBuffer h = le(30 + n.length + 4 + pad);
        h.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) 0)
                .putShort((short) 0).putShort((short) DOS_DATE_1980_01_01)
                .putInt(0).putInt(u32(size, name)).putInt(u32(size, name))
                .putShort((short) n.length).putShort((short) (4 + pad)).put(n)
                .putShort((short) 0x4246).putShort((short) pad);
        for (int i = 0; i < pad; i++) {
            h.put((byte) 'Z');
        }
        writeFully(h.flip());
        CRC32 crc = new CRC32();
        long start = channel.position();
        body.write(chunk -> {
            crc.update(chunk.duplicate());
            writeFully(chunk);
        });
        long written = channel.position() - start;
        if (written != size) {
            throw new IllegalStateException("zip entry " + name + ": wrote " + written + " bytes, declared " + size);
        }
        ByteBuffer c = le(4).putInt((int) crc.getValue()).flip();
        while (c.hasRemaining()) {
            channel.write(c, headerOffset + 14 + c.position());
        }
        entries.add(new Central(n, crc.getValue(), size, headerOffset));
    }

    /** Adds a small entry held in memory. */
    void add(String name, byte[] data) throws IOException {
        add(name, data.length, sink -> sink.accept(ByteBuffer.wrap(data)));
    }

    /** Writes the central directory. */
    @Override
    public void close() throws IOException {
        if (entries.size() > 0xFFFF) {
            throw new IllegalStateException(entries.size() + " zip entries need zip64, which this writer does not write");
        }
        long cdOffset = channel.position();
        for (Central e : entries) {
            ByteBuffer c = le(46 + e.name().length);
            c.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putShort((short) DOS_DATE_1980_01_01)
                    .putInt((int) e.crc()).putInt((int) e.size()).putInt((int) e.size())
                    .putShort((short) e.name().length).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putInt(0).putInt(u32(e.headerOffset(), "offset")).put(e.name());
            writeFully(c.flip());
        }
        long cdSize = channel.position() - cdOffset;
        ByteBuffer end = le(22);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries.size())
                .putShort((short) entries.size()).putInt(u32(cdSize, "central directory"))
                .putInt(u32(cdOffset, "central directory offset")).putShort((short) 0);
        writeFully(end.flip());
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    private static int u32(long v, String what) {
        if (v < 0 || v > 0xFFFFFFFFL) {
            throw new IllegalStateException(what + ": " + v + " needs zip64, which this writer does not write");
        }
        return (int) v;
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
