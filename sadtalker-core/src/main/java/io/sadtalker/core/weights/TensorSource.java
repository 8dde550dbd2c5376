package io.sadtalker.core.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Set;

/**
 * A named collection of tensors: a checkpoint file (or one state dict inside it), or tensors made in memory.
 * {@link Weights} gives prefix-scoped, strict access on top of it.
 */
public interface TensorSource {
    /** All keys, in the source's order. */
    Set<String> keys();

    /** Shape and type of {@code key}; throws {@link io.sadtalker.core.CheckpointException} when absent. */
    TensorInfo info(String key);

    /** Loads {@code key} into {@code manager} (half floats widened to float32). */
    NDArray load(String key, NDManager manager);
}
