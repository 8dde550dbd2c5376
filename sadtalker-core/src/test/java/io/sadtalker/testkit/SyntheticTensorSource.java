package io.sadtalker.testkit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.sadtalker.core.CheckpointException;
import io.sadtalker.core.weights.TensorDType;
import io.sadtalker.core.weights.TensorInfo;
import io.sadtalker.core.weights.TensorSource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The synthetic tensors of one {@link WeightEntry} in memory: keys are the module's state-dict keys (manifest
 * key with key_prefix and strip removed), values are generated lazily on {@link #load} with the full manifest
 * key as hash input, so even the 181M-float SadTalker file costs nothing until a key is read.
 */
public final class SyntheticTensorSource implements TensorSource {
    private final String seed;
    private final Map<String, Manifest.Tensor> tensors = new LinkedHashMap<>();

    /** The tensors of {@code entry} generated with {@code seed}. */
    public SyntheticTensorSource(WeightEntry entry, String seed) {
        this.seed = seed;
        Manifest manifest = Manifest.load(entry.manifest());
        for (Manifest.Tensor t : manifest.tensors()) {
            String local = entry.localKey(t.key());
            if (local != null && tensors.put(local, t) != null) {
                throw new IllegalStateException(manifest.name() + ": two tensors map to key '" + local + "'");
            }
        }
        if (tensors.isEmpty()) {
            throw new IllegalStateException(manifest.name() + " has no key starting with '" + entry.keyPrefix() + "'");
        }
    }

    @Override
    public Set<String> keys() {
        return Collections.unmodifiableSet(tensors.keySet());
    }

    @Override
    public TensorInfo info(String key) {
        return tensor(key).info(key);
    }

    @Override
    public NDArray load(String key, NDManager manager) {
        Manifest.Tensor t = tensor(key);
        Shape shape = new Shape(t.shape());
        return t.dtype() == TensorDType.I64
                ? manager.create(SyntheticWeights.longs(t), shape)
                : manager.create(SyntheticWeights.floats(seed, t), shape);
    }

    /** The manifest tensor behind {@code key}. */
    public Manifest.Tensor tensor(String key) {
        Manifest.Tensor t = tensors.get(key);
        if (t == null) {
            throw new CheckpointException("missing synthetic key '" + key + "'");
        }
        return t;
    }
}
