package io.sadtalker.render.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.sadtalker.core.weights.Weights;

/** {@code util.UpBlock3d}: nearest upsampling by (1, 2, 2), conv 3x3x3, BatchNorm3d, ReLU. */
final class UpBlock3d {
    private final ConvLayer conv;
    private final ChannelAffine norm;

    private UpBlock3d(ConvLayer conv, ChannelAffine norm) {
        this.conv = conv;
        this.norm = norm;
    }

    static UpBlock3d load(Weights w) {
        return new UpBlock3d(ConvLayer.load(w.prefix("conv"), 1, 1), ChannelAffine.loadBatchNorm(w.prefix("norm")));
    }

    NDArray forward(NDArray x) {
        return Activation.relu(norm.apply(conv.forward(Ops.upsampleNearest(x, 2))));
    }
}
