package io.sadtalker.render.nets;

import ai.djl.ndarray.NDArray;
import io.sadtalker.core.nn.Activations;
import io.sadtalker.core.nn.BatchNorm;
import io.sadtalker.core.nn.Conv3d;
import io.sadtalker.core.nn.ConvConfig;
import io.sadtalker.core.nn.Scoped;
import io.sadtalker.core.nn.UpsampledConv;
import io.sadtalker.core.weights.Weights;

/**
 * {@code util.UpBlock3d}: nearest upsampling by (1, 2, 2), conv 3x3x3, BatchNorm3d (folded into the conv), ReLU. The
 * conv of the upsampled volume runs per output phase on the low-resolution one ({@link UpsampledConv}): 12 instead of
 * 27 taps per output voxel.
 */
final class UpBlock3d {
    private final UpsampledConv conv;

    private UpBlock3d(UpsampledConv conv) {
        this.conv = conv;
    }

    static UpBlock3d load(Weights w, int in, int out) {
        return new UpBlock3d(UpsampledConv.of(Conv3d.load(w.prefix("conv"), in, out, 3, ConvConfig.DEFAULT.padding(1))
                .absorb(BatchNorm.load(w.prefix("norm"), out, 1e-5)), 2));
    }

    NDArray forward(NDArray x) {
        return Scoped.run(() -> Activations.relu(conv.forward(x)));
    }
}
