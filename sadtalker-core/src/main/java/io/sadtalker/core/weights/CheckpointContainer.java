package io.sadtalker.core.weights;

import java.util.List;

/** One opened checkpoint file, whatever its container format: the part {@link Checkpoint} delegates to. */
interface CheckpointContainer extends AutoCloseable {
    /** The tensors at the top level of the file. */
    TensorSource root();

    /** The top-level keys of the file, in file order. */
    List<String> entries();

    /** The state dict stored under {@code name}. */
    TensorSource entry(String name);

    @Override
    void close();
}
