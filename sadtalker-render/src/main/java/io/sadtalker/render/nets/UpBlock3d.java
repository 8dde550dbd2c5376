package io.sadtalker.render.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.sadtalker.core.nn.Scoped;
import io.sadtalker.core.weights.Weights;

/** {@code util.UpBlock3d}: nearest upsampling by (1, 2, 2), conv 3x3x3, BatchNorm3d (folded into the conv), ReLU. */
final class UpBlock3d {
    private final ConvLayer conv;

    private UpBlock3d(ConvLayer conv) {
        this.conv = conv;
    }

    static UpBlock3d load(Weights w) {
        return new UpBlock3d(ConvLayer.load(w.prefix("conv"), 1, 1).fold(ChannelAffine.loadBatchNorm(w.prefix("norm"))));
    }

    NDArray forward(NDArray x) {
        return Scoped.run(() -> Activation.relu(conv.forward(Ops.upsampleNearest(x, 2))));
    }
}
