package io.sadtalker.core.weights;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.sadtalker.core.CheckpointException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A checkpoint written by {@code torch.save} (PyTorch zip format): {@code <archive>/data.pkl} is unpickled with
 * {@link TorchUnpickler}, tensors point at storages {@code <archive>/data/<key>} that are read only when a tensor
 * is loaded. The archive folder name is arbitrary. Thread-safe reads.
 */
final class TorchZipFile implements CheckpointContainer {
    /** Largest {@code data.pkl} accepted (real state dicts, optimizer states included, pickle to a few MB). */
    static final long MAX_PICKLE_BYTES = 64L * 1024 * 1024;
    /** Largest single allocation for one tensor: its bytes, its storage span, or its strided copy's index. */
    static final long MAX_TENSOR_BYTES = Integer.MAX_VALUE;

    private static final String DATA_PKL = "data.pkl";

    private final String file;
    private final ZipFile zip;
    private final Object root;
    private final StateDict rootDict;
    private volatile boolean closed;

    private TorchZipFile(String file, ZipFile zip, Object root) {
        this.file = file;
        this.zip = zip;
        this.root = root;
        this.rootDict = StateDict.of("the top level", root instanceof Map<?, ?> m ? m : Map.of(), this);
    }

    static TorchZipFile open(Path path) {
        String file = path.toString();
        ZipFile zip;
        try {
            zip = new ZipFile(path.toFile());
        } catch (ZipException e) {
            throw new CheckpointException(file + ": not a valid zip archive (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot open: " + e.getMessage(), e);
        }
        try {
            String pickleName = findDataPkl(zip, file);
            String prefix = pickleName.substring(0, pickleName.length() - DATA_PKL.length());
            checkByteOrder(zip, prefix + "byteorder", file);
            byte[] pickle = readEntry(zip, zip.getEntry(pickleName), MAX_PICKLE_BYTES, file);
            Object root = new TorchUnpickler(file, pid -> storage(zip, prefix, pid)).unpickle(pickle);
            return new TorchZipFile(file, zip, root);
        } catch (RuntimeException e) {
            closeQuietly(zip);
            throw e;
        }
    }

    String file() {
        return file;
    }

    @Override
    public TensorSource root() {
        return rootDict;
    }

    @Override
    public List<String> entries() {
        List<String> keys = new ArrayList<>();
        if (root instanceof Map<?, ?> m) {
            m.keySet().forEach(k -> keys.add(String.valueOf(k)));
        }
        return List.copyOf(keys);
    }

    /** The state dict at {@code name}: a top-level key, or a dotted path of keys through nested dicts. */
    @Override
    public TensorSource entry(String name) {
        if (!(root instanceof Map<?, ?> top)) {
            throw new CheckpointException(file + ": the top level is a " + TorchUnpickler.typeName(root)
                    + ", not a dict; it has no entry '" + name + "'");
        }
        Object node = top.containsKey(name) ? top.get(name) : descend(top, name);
        if (!(node instanceof Map<?, ?> dict)) {
            throw new CheckpointException(file + ": entry '" + name + "' is a " + TorchUnpickler.typeName(node)
                    + ", not a state dict");
        }
        return StateDict.of("entry '" + name + "'", dict, this);
    }

    private Object descend(Map<?, ?> top, String path) {
        Object node = top;
        for (String part : path.split("\\.", -1)) {
            if (!(node instanceof Map<?, ?> m) || !m.containsKey(part)) {
                throw new CheckpointException(file + ": no entry '" + path + "' (top-level entries: " + entries() + ")");
            }
            node = m.get(part);
        }
        return node;
    }

    /**
     * Reads the elements {@code tensor} addresses from its storage entry. Every allocation (the storage span read,
     * the tensor, and for a strided view the index of its elements) is sized before it is made and refused over
     * {@link #MAX_TENSOR_BYTES}.
     */
    NDArray load(String key, TorchTensor tensor, NDManager manager) {
        if (closed) {
            throw new CheckpointException(file + ": checkpoint is closed (load '" + key + "')");
        }
        TensorDType dtype = tensor.storage().dtype();
        long elements = tensor.elementCount();
        if (elements == 0) {
            return TensorBytes.toNDArray(ByteBuffer.allocateDirect(0), dtype, tensor.size(), manager);
        }
        long span = tensor.span();
        checkAllocation(key, "its storage span of " + span + " elements", span, dtype.byteSize());
        checkAllocation(key, "its " + elements + " elements", elements, dtype.byteSize());
        if (!tensor.isContiguous()) {
            checkAllocation(key, "the index of its strided view", elements, Long.BYTES);
        }
        try {
            return read(key, tensor, span, manager);
        } catch (OutOfMemoryError e) {
            throw new CheckpointException(file + ": out of memory loading tensor '" + key + "' ("
                    + Arrays.toString(tensor.size()) + " " + dtype + ")", e);
        } catch (EngineException e) {
            throw new CheckpointException(file + ": libtorch could not make tensor '" + key + "' ("
                    + Arrays.toString(tensor.size()) + " " + dtype + "): " + e.getMessage(), e);
        }
    }

    private void checkAllocation(String key, String what, long count, int width) {
        if (count > MAX_TENSOR_BYTES / width) {
            throw new CheckpointException(file + ": tensor '" + key + "': " + what + " would take "
                    + BigInteger.valueOf(count).multiply(BigInteger.valueOf(width))
                    + " bytes; tensors over 2 GiB are not supported");
        }
    }

    private NDArray read(String key, TorchTensor tensor, long span, NDManager manager) {
        TensorDType dtype = tensor.storage().dtype();
        ByteBuffer data = readRange(tensor.storage().entryName(), tensor.offset() * dtype.byteSize(),
                (int) (span * dtype.byteSize()), key);
        if (tensor.isContiguous()) {
            return TensorBytes.toNDArray(data, dtype, tensor.size(), manager);
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray flat = TensorBytes.toNDArray(data, dtype, new long[] {span}, scope);
            NDArray result = flat.take(scope, stridedIndex(scope, tensor.size(), tensor.stride()));
            result.attach(manager);
            return result;
        }
    }

    /** The storage index of every element of a strided view, shaped like the view. */
    private static NDArray stridedIndex(NDManager manager, long[] size, long[] stride) {
        NDArray index = manager.zeros(new Shape(), DataType.INT64);
        for (int d = 0; d < size.length; d++) {
            long[] steps = new long[Math.toIntExact(size[d])];
            for (int i = 0; i < steps.length; i++) {
                steps[i] = i * stride[d];
            }
            long[] shape = new long[size.length];
            Arrays.fill(shape, 1);
            shape[d] = size[d];
            index = index.add(manager.create(steps).reshape(shape));
        }
        return index;
    }

    private ByteBuffer readRange(String entryName, long skip, int count, String key) {
        ZipEntry entry = zip.getEntry(entryName);
        ByteBuffer buffer = ByteBuffer.allocateDirect(count);
        try (InputStream in = zip.getInputStream(entry)) {
            in.skipNBytes(skip);
            ReadableByteChannel channel = Channels.newChannel(in);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer) < 0) {
                    throw new EOFException("storage entry " + entryName + " ends early");
                }
            }
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot read tensor '" + key + "' from " + entryName + ": "
                    + e.getMessage(), e);
        }
        return buffer.flip();
    }

    @Override
    public void close() {
        closed = true;
        try {
            zip.close();
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot close: " + e.getMessage(), e);
        }
    }

    /** Resolves a persistent id {@code ("storage", type, key, location, numel)} against the zip entries. */
    private static TorchStorage storage(ZipFile zip, String prefix, Object[] pid) {
        if (!(pid[1] instanceof TorchUnpickler.StorageType type) || !(pid[2] instanceof String key)) {
            throw new CheckpointException("persistent id must be ('storage', torch.<Type>Storage, key, location, numel)");
        }
        long numel = TorchUnpickler.integer(pid[4], "storage numel");
        String entryName = prefix + "data/" + key;
        ZipEntry entry = zip.getEntry(entryName);
        if (entry == null) {
            throw new CheckpointException("storage '" + key + "' has no zip entry " + entryName);
        }
        long bytes;
        try {
            bytes = numel < 0 ? -1 : Math.multiplyExact(numel, type.dtype().byteSize());
        } catch (ArithmeticException e) {
            bytes = -1;
        }
        if (bytes < 0 || entry.getSize() < bytes) {
            throw new CheckpointException("storage '" + key + "' declares " + numel + " " + type.name()
                    + " elements but its entry " + entryName + " holds " + entry.getSize() + " bytes");
        }
        return new TorchStorage(key, type.dtype(), numel, entryName);
    }

    private static String findDataPkl(ZipFile zip, String file) {
        List<String> found = new ArrayList<>();
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
            String name = e.nextElement().getName();
            int slash = name.indexOf('/');
            if (name.endsWith("/" + DATA_PKL) && slash == name.length() - DATA_PKL.length() - 1) {
                found.add(name);
            }
        }
        if (found.size() != 1) {
            throw new CheckpointException(file + ": a PyTorch zip checkpoint has exactly one <archive>/data.pkl, found "
                    + found.size() + (found.isEmpty() ? "" : " " + found));
        }
        return found.get(0);
    }

    private static void checkByteOrder(ZipFile zip, String name, String file) {
        ZipEntry entry = zip.getEntry(name);
        if (entry != null) {
            String order = new String(readEntry(zip, entry, 16, file), StandardCharsets.US_ASCII).trim();
            if (!order.equals("little")) {
                throw new CheckpointException(file + ": byte order '" + order + "' is not supported (only little)");
            }
        }
    }

    private static byte[] readEntry(ZipFile zip, ZipEntry entry, long max, String file) {
        if (entry.getSize() > max) {
            throw new CheckpointException(file + ": " + entry.getName() + " has " + entry.getSize()
                    + " bytes, more than the " + max + " accepted");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes((int) max + 1);
            if (bytes.length > max) {
                throw new CheckpointException(file + ": " + entry.getName() + " is larger than " + max + " bytes");
            }
            return bytes;
        } catch (OutOfMemoryError e) {
            throw new CheckpointException(file + ": out of memory reading " + entry.getName(), e);
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot read " + entry.getName() + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(ZipFile zip) {
        try {
            zip.close();
        } catch (IOException ignored) {
            // already failing
        }
    }
}
