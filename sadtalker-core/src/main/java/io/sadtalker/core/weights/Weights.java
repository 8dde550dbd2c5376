package io.sadtalker.core.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.sadtalker.core.CheckpointException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Prefix-scoped, strict view of a {@link TensorSource}, after candle's {@code VarBuilder}: a network's
 * {@code load(Weights w, ...)} calls {@code w.prefix("attribute")} for each child, so the code path is the
 * checkpoint key. {@link #bind} loads a network and fails on any key under the scope that it did not read.
 */
public final class Weights {
    private final TensorSource source;
    private final NDManager manager;
    private final String prefix;
    private final Set<String> used;

    private Weights(TensorSource source, NDManager manager, String prefix, Set<String> used) {
        this.source = source;
        this.manager = manager;
        this.prefix = prefix;
        this.used = used;
    }

    /** The root scope of {@code source}; loaded arrays are attached to {@code manager}. */
    public static Weights of(TensorSource source, NDManager manager) {
        return new Weights(source, manager, "", ConcurrentHashMap.newKeySet());
    }

    /** The child scope {@code name} (keys {@code <prefix><name>.*}). */
    public Weights prefix(String name) {
        return new Weights(source, manager, prefix + name + ".", used);
    }

    /** The child scope of list element {@code index} ({@code nn.Sequential} / {@code nn.ModuleList}). */
    public Weights prefix(int index) {
        return prefix(Integer.toString(index));
    }

    /** The full key prefix of this scope, e.g. {@code generator.decoder.}. */
    public String path() {
        return prefix;
    }

    /** The manager loaded arrays belong to. */
    public NDManager manager() {
        return manager;
    }

    /** Whether {@code name} exists in this scope. */
    public boolean contains(String name) {
        return source.keys().contains(prefix + name);
    }

    /** Keys below this scope, relative to it, in source order. */
    public List<String> keys() {
        return source.keys().stream().filter(k -> k.startsWith(prefix)).map(k -> k.substring(prefix.length())).toList();
    }

    /** Shape and type of {@code name} in this scope. */
    public TensorInfo info(String name) {
        return source.info(requireKey(name));
    }

    /** Loads {@code name}, of any shape. */
    public NDArray get(String name) {
        String key = requireKey(name);
        used.add(key);
        return source.load(key, manager);
    }

    /** Loads {@code name} and checks that its shape is {@code shape}. */
    public NDArray get(String name, long... shape) {
        String key = requireKey(name);
        long[] actual = source.info(key).shape();
        if (!Arrays.equals(actual, shape)) {
            throw new CheckpointException("shape mismatch for '" + key + "': checkpoint has " + Arrays.toString(actual)
                    + ", network expects " + Arrays.toString(shape));
        }
        used.add(key);
        return source.load(key, manager);
    }

    /** Marks {@code name} as read without loading it (buffers inference never needs, e.g. num_batches_tracked). */
    public void skip(String name) {
        used.add(requireKey(name));
    }

    /**
     * Runs {@code loader} on this scope and then checks that every key under it was read: strict binding.
     * An unused key is a {@link CheckpointException} listing the keys. The loader works in a scratch sub-manager;
     * the arrays the returned network holds (found through its fields, see {@link ReachableArrays}) move to this
     * scope's manager and every other array made while loading (raw tensors that were folded, merged or re-typed)
     * is freed, so a loaded network occupies no more native memory than its final parameters.
     */
    public <T> T bind(Function<Weights, T> loader) {
        try (NDManager scratch = manager.newSubManager()) {
            T result = loader.apply(new Weights(source, scratch, prefix, used));
            assertAllUsed();
            for (NDArray array : ReachableArrays.from(result)) {
                if (ownedBy(array.getManager(), scratch)) {
                    array.attach(manager);
                }
            }
            return result;
        }
    }

    private static boolean ownedBy(NDManager owner, NDManager scratch) {
        NDManager m = owner;
        while (m != null && m != scratch && m.getParentManager() != m) {
            m = m.getParentManager();
        }
        return m == scratch;
    }

    /** Throws {@link CheckpointException} when a key under this scope has not been read. */
    public void assertAllUsed() {
        Set<String> unused = new TreeSet<>();
        for (String k : source.keys()) {
            if (k.startsWith(prefix) && !used.contains(k)) {
                unused.add(k);
            }
        }
        if (!unused.isEmpty()) {
            throw new CheckpointException("unused checkpoint keys under '" + prefix + "' (" + unused.size() + "): "
                    + summary(unused));
        }
    }

    /** Keys read so far in the whole source (for diagnostics). */
    public Set<String> usedKeys() {
        return Collections.unmodifiableSet(used);
    }

    private String requireKey(String name) {
        String key = prefix + name;
        if (!source.keys().contains(key)) {
            throw new CheckpointException("missing checkpoint key '" + key + "'");
        }
        return key;
    }

    private static String summary(Set<String> keys) {
        List<String> list = List.copyOf(keys);
        return list.size() <= 10 ? list.toString() : list.subList(0, 10) + " ...";
    }
}
