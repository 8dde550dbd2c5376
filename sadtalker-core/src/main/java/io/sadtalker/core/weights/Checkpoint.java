package io.sadtalker.core.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.sadtalker.core.CheckpointException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An opened checkpoint file: safetensors or PyTorch zip ({@code .pth}, {@code .pth.tar}), recognised by its
 * content, not its name. As a {@link TensorSource} it is the tensors at the top level of the file; nested state
 * dicts ({@code mapping}, {@code params_ema}, {@code state_dict}, ...) are reached with {@link #entry(String)} or
 * {@link #weights(NDManager, String)}. Tensors are read lazily (safetensors data is memory-mapped); loading is
 * thread-safe. Pickled checkpoints are read with an allow-list of Python globals: a file that names anything
 * else is an {@link io.sadtalker.core.UnsafeCheckpointException} and nothing from it runs.
 *
 * <pre>{@code
 * try (Checkpoint ckpt = Checkpoint.open(path)) {
 *     MappingNet net = ckpt.weights(manager, "mapping").bind(w -> MappingNet.load(w, config));
 * }
 * }</pre>
 */
public final class Checkpoint implements TensorSource, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpoint.class);
    /** Start of a legacy (pre-1.6, non-zip) {@code torch.save} file: pickle protocol 2, then a LONG1 magic number. */
    private static final byte[] LEGACY_TORCH = {(byte) 0x80, 0x02, (byte) 0x8a, 0x0a, 0x6c, (byte) 0xfc, (byte) 0x9c,
        0x46, (byte) 0xf9, 0x20, 0x6a, (byte) 0xa8, 0x50, 0x19};

    private final Path path;
    private final CheckpointContainer container;

    private Checkpoint(Path path, CheckpointContainer container) {
        this.path = path;
        this.container = container;
    }

    /**
     * Opens {@code path}, choosing the reader by the first bytes: safetensors (8-byte header length, then
     * <code>'{'</code>) or a zip archive (PyTorch). Every header, offset, dtype and shape is validated here, before
     * any tensor is read.
     *
     * @throws CheckpointException the file is missing, of another format (e.g. the legacy non-zip torch format)
     *                             or corrupt
     */
    public static Checkpoint open(Path path) {
        byte[] head = head(path);
        LOG.debug("opening checkpoint {}", path);
        if (head.length >= 9 && head[8] == '{') {
            return new Checkpoint(path, SafetensorsFile.open(path));
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5)) {
            return new Checkpoint(path, TorchZipFile.open(path));
        }
        if (startsWith(head, LEGACY_TORCH)) {
            throw new CheckpointException(path + ": legacy torch format (pickled, not a zip archive) is not supported;"
                    + " re-save it with torch.save(torch.load(f), f2, _use_new_zipfile_serialization=True)");
        }
        throw new CheckpointException(path + ": neither a safetensors file nor a PyTorch zip checkpoint ("
                + (head.length == 0 ? "empty file" : "starts with " + HexFormat.of().formatHex(head)) + ")");
    }

    private static byte[] head(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new CheckpointException("checkpoint file not found: " + path);
        }
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes(LEGACY_TORCH.length);
        } catch (IOException e) {
            throw new CheckpointException(path + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The file this checkpoint was opened from. */
    public Path path() {
        return path;
    }

    /**
     * The top-level keys of the file in file order: entry names such as {@code mapping} and {@code epoch} for a
     * pickled dict, tensor keys for a safetensors file.
     */
    public List<String> entries() {
        return container.entries();
    }

    /**
     * The state dict under {@code name}: a top-level key of a pickled dict, or a dotted path through nested
     * dicts ({@code "a.b"}). Its keys are the tensor-valued items of that dict.
     */
    public TensorSource entry(String name) {
        return container.entry(name);
    }

    /** Strict, prefix-scoped access to the tensors at the top level; arrays are attached to {@code manager}. */
    public Weights weights(NDManager manager) {
        return Weights.of(container.root(), manager);
    }

    /** Strict, prefix-scoped access to the state dict {@link #entry(String) entry(name)}. */
    public Weights weights(NDManager manager, String name) {
        return Weights.of(container.entry(name), manager);
    }

    @Override
    public Set<String> keys() {
        return container.root().keys();
    }

    @Override
    public TensorInfo info(String key) {
        return container.root().info(key);
    }

    @Override
    public NDArray load(String key, NDManager manager) {
        return container.root().load(key, manager);
    }

    /** Releases the file; tensors already loaded stay valid. */
    @Override
    public void close() {
        container.close();
    }
}
