package io.sadtalker.core.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.sadtalker.core.CheckpointException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A safetensors file: 8-byte little-endian header length, JSON header, data section. The header is validated
 * before anything else is read; the data section is memory-mapped and each tensor is copied straight from the
 * mapping into native memory when loaded. Thread-safe.
 */
final class SafetensorsFile implements TensorSource, CheckpointContainer {
    private final String file;
    private final FileChannel channel;
    private final Map<String, SafetensorsHeader.Entry> entries;
    private final MappedData data;
    private volatile boolean closed;

    private SafetensorsFile(String file, FileChannel channel, Map<String, SafetensorsHeader.Entry> entries,
                            MappedData data) {
        this.file = file;
        this.channel = channel;
        this.entries = entries;
        this.data = data;
    }

    static SafetensorsFile open(Path path) {
        return open(path, MappedData.DEFAULT_SEGMENT);
    }

    /** Opens {@code path}, mapping its data section in segments of {@code segmentSize} bytes. */
    static SafetensorsFile open(Path path, long segmentSize) {
        String file = path.toString();
        FileChannel channel = null;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
            long size = channel.size();
            if (size < 8) {
                throw new CheckpointException(file + ": truncated safetensors file (" + size
                        + " bytes, the header length alone needs 8)");
            }
            long headerLength = readFully(channel, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            long limit = Math.min(size - 8, SafetensorsHeader.MAX_HEADER_BYTES);
            if (headerLength < 2 || headerLength > limit) {
                throw new CheckpointException(file + ": safetensors header length " + Long.toUnsignedString(headerLength)
                        + " is outside [2, " + limit + "] (file size " + size + " bytes)");
            }
            byte[] json = readFully(channel, 8, (int) headerLength).array();
            long dataStart = 8 + headerLength;
            Map<String, SafetensorsHeader.Entry> entries = SafetensorsHeader.parse(json, size - dataStart, file);
            SafetensorsFile result = new SafetensorsFile(file, channel,
                    entries, new MappedData(channel, dataStart, size - dataStart, segmentSize));
            channel = null;
            return result;
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot read safetensors file: " + e.getMessage(), e);
        } finally {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
        }
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int count) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(count);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        return buffer.flip();
    }

    @Override
    public Set<String> keys() {
        return entries.keySet();
    }

    @Override
    public TensorInfo info(String key) {
        return entry(key, "info").info();
    }

    @Override
    public NDArray load(String key, NDManager manager) {
        SafetensorsHeader.Entry entry = entry(key, "load");
        long bytes = entry.end() - entry.begin();
        if (bytes > Integer.MAX_VALUE) {
            throw new CheckpointException(file + ": tensor '" + key + "' has " + bytes
                    + " bytes; tensors over 2 GiB are not supported");
        }
        try {
            ByteBuffer slice = data.slice(entry.begin(), (int) bytes);
            return TensorBytes.toNDArray(slice, entry.info().dtype(), entry.info().shape(), manager);
        } catch (UncheckedIOException e) {
            throw new CheckpointException(file + ": cannot map tensor '" + key + "': " + e.getCause().getMessage(), e);
        }
    }

    private SafetensorsHeader.Entry entry(String key, String action) {
        if (closed) {
            throw new CheckpointException(file + ": checkpoint is closed (" + action + " '" + key + "')");
        }
        SafetensorsHeader.Entry entry = entries.get(key);
        if (entry == null) {
            throw new CheckpointException(file + ": no tensor '" + key + "'");
        }
        return entry;
    }

    @Override
    public TensorSource root() {
        return this;
    }

    @Override
    public List<String> entries() {
        return List.copyOf(entries.keySet());
    }

    @Override
    public TensorSource entry(String name) {
        throw new CheckpointException(file + ": a safetensors file has no nested state dicts (asked for '" + name
                + "'); use weights(manager).prefix(\"" + name + "\")");
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot close: " + e.getMessage(), e);
        }
    }
}
