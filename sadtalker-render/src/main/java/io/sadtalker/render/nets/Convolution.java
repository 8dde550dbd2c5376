package io.sadtalker.render.nets;

import ai.djl.ndarray.NDArray;

/** A convolution as the blocks use it: one input map in, one out, whatever algorithm computes it. */
interface Convolution {
    /** The convolution of {@code x}. */
    NDArray forward(NDArray x);
}
