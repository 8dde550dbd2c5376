package io.sadtalker.testkit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import io.sadtalker.core.CheckpointException;
import io.sadtalker.core.weights.TensorDType;
import io.sadtalker.core.weights.TensorInfo;
import io.sadtalker.core.weights.TensorSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A small safetensors reader for the kit (dtypes F32, I64, U8): header parsed with Jackson, every offset checked
 * against the file size, tensors read on demand. Also a {@link TensorSource}.
 */
public final class SafetensorsReader implements TensorSource, AutoCloseable {
    private record Entry(TensorInfo info, long begin, long end) {
    }

    private final Path path;
    private final FileChannel channel;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private SafetensorsReader(Path path) throws IOException {
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            readHeader();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Opens {@code path}; a malformed file is a {@link CheckpointException} naming the file and the problem. */
    public static SafetensorsReader open(Path path) {
        try {
            return new SafetensorsReader(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private void readHeader() throws IOException {
        long size = channel.size();
        if (size < 8) {
            throw fail("file shorter than 8 bytes");
        }
        long headerLength = read(0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength <= 0 || headerLength > Math.min(size - 8, 100_000_000)) {
            throw fail("header length " + headerLength + " does not fit the file size " + size);
        }
        byte[] header = read(8, (int) headerLength).array();
        JsonNode root = Json.MAPPER.readTree(header);
        long dataSize = size - 8 - headerLength;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equals("__metadata__")) {
                continue;
            }
            JsonNode t = f.getValue();
            TensorDType dtype;
            try {
                dtype = TensorDType.valueOf(t.path("dtype").asText());
            } catch (IllegalArgumentException e) {
                throw fail("tensor '" + f.getKey() + "' has unsupported dtype " + t.path("dtype"));
            }
            TensorInfo info = new TensorInfo(f.getKey(), dtype, Json.longs(t.path("shape")));
            long begin = t.path("data_offsets").path(0).asLong(-1);
            long end = t.path("data_offsets").path(1).asLong(-1);
            if (begin < 0 || end < begin || end > dataSize || end - begin != info.elementCount() * dtype.byteSize()) {
                throw fail("tensor '" + f.getKey() + "' offsets [" + begin + ", " + end + "] do not match dtype " + dtype
                        + ", shape " + info.shapeText() + " and data size " + dataSize);
            }
            entries.put(f.getKey(), new Entry(info, 8 + headerLength + begin, 8 + headerLength + end));
        }
    }

    @Override
    public Set<String> keys() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    @Override
    public TensorInfo info(String key) {
        return entry(key).info();
    }

    /** The raw little-endian bytes of {@code key}. */
    public ByteBuffer bytes(String key) {
        Entry e = entry(key);
        try {
            return read(e.begin(), Math.toIntExact(e.end() - e.begin())).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read '" + key + "' from " + path, ex);
        }
    }

    @Override
    public NDArray load(String key, NDManager manager) {
        TensorInfo info = info(key);
        ByteBuffer b = bytes(key);
        Shape shape = new Shape(info.shape());
        return switch (info.dtype()) {
            case F32 -> {
                float[] v = new float[Math.toIntExact(info.elementCount())];
                b.asFloatBuffer().get(v);
                yield manager.create(v, shape);
            }
            case I64 -> {
                long[] v = new long[Math.toIntExact(info.elementCount())];
                b.asLongBuffer().get(v);
                yield manager.create(v, shape);
            }
            case U8 -> manager.create(b, shape, DataType.UINT8);
            default -> throw fail("tensor '" + key + "' has dtype " + info.dtype() + " (the kit reads F32, I64, U8)");
        };
    }

    /** {@code key} as exact doubles (F32, I64 and U8 values, U8 unsigned). */
    public HostTensor host(String key) {
        TensorInfo info = info(key);
        ByteBuffer b = bytes(key);
        double[] v = new double[Math.toIntExact(info.elementCount())];
        switch (info.dtype()) {
            case F32 -> {
                for (int i = 0; i < v.length; i++) {
                    v[i] = b.getFloat(i * 4);
                }
            }
            case I64 -> {
                for (int i = 0; i < v.length; i++) {
                    v[i] = b.getLong(i * 8);
                }
            }
            case U8 -> {
                for (int i = 0; i < v.length; i++) {
                    v[i] = b.get(i) & 0xff;
                }
            }
            default -> throw fail("tensor '" + key + "' has dtype " + info.dtype() + " (the kit reads F32, I64, U8)");
        }
        return new HostTensor(info.shape(), v);
    }

    /** The file. */
    public Path path() {
        return path;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Entry entry(String key) {
        Entry e = entries.get(key);
        if (e == null) {
            throw new CheckpointException("missing tensor '" + key + "' in " + path + " (" + entries.size() + " tensors)");
        }
        return e;
    }

    private ByteBuffer read(long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            if (channel.read(buf, position + buf.position()) < 0) {
                throw fail("unexpected end of file at " + (position + buf.position()));
            }
        }
        return buf.flip();
    }

    private CheckpointException fail(String problem) {
        return new CheckpointException(path + ": " + problem);
    }
}
