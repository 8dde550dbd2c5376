package io.sadtalker.core.weights;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A read-only memory mapping of a byte range of a file, in segments (one {@link MappedByteBuffer} cannot exceed
 * 2 GiB). Segments are mapped on first use; a slice that crosses a segment border gets a mapping of its own.
 * Nothing is copied to the Java heap. Thread-safe.
 */
final class MappedData {
    /** Segment size used for real files. */
    static final long DEFAULT_SEGMENT = 1L << 30;

    private final FileChannel channel;
    private final long base;
    private final long length;
    private final long segmentSize;
    private final AtomicReferenceArray<MappedByteBuffer> segments;

    MappedData(FileChannel channel, long base, long length, long segmentSize) {
        if (segmentSize <= 0 || segmentSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("segment size " + segmentSize);
        }
        this.channel = channel;
        this.base = base;
        this.length = length;
        this.segmentSize = segmentSize;
        this.segments = new AtomicReferenceArray<>(Math.toIntExact((length + segmentSize - 1) / segmentSize));
    }

    /** A little-endian read-only view of {@code [offset, offset + count)} relative to the mapped range. */
    ByteBuffer slice(long offset, int count) {
        if (offset < 0 || count < 0 || offset + count > length) {
            throw new IndexOutOfBoundsException("[" + offset + ", " + (offset + count) + ") outside [0, " + length + ")");
        }
        if (count == 0) {
            return ByteBuffer.allocateDirect(0);
        }
        int index = (int) (offset / segmentSize);
        long segmentStart = index * segmentSize;
        try {
            if (offset + count <= segmentStart + segmentSize) {
                return segment(index).slice((int) (offset - segmentStart), count).order(ByteOrder.LITTLE_ENDIAN);
            }
            return channel.map(FileChannel.MapMode.READ_ONLY, base + offset, count).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private MappedByteBuffer segment(int index) throws IOException {
        MappedByteBuffer segment = segments.get(index);
        if (segment == null) {
            long start = index * segmentSize;
            long size = Math.min(segmentSize, length - start);
            segments.compareAndSet(index, null, channel.map(FileChannel.MapMode.READ_ONLY, base + start, size));
            segment = segments.get(index);
        }
        return segment;
    }
}
