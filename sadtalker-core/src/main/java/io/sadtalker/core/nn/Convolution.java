package io.sadtalker.core.nn;

import ai.djl.ndarray.NDArray;

/**
 * A convolution as a network uses it: one input map in, one out, whatever algorithm computes it (a
 * {@link ConvNd}, or one of its reordered forms {@link WinogradConv}, {@link TapMapConv}, {@link UpsampledConv},
 * {@link BilinearUpsampledConv}, {@link FftConv3d}, {@link SlicedWinogradConv3d}).
 */
public interface Convolution {
    /** The convolution of {@code x}. */
    NDArray forward(NDArray x);
}
