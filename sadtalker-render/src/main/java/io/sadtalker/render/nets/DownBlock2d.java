package io.sadtalker.render.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.sadtalker.core.nn.Scoped;
import io.sadtalker.core.weights.Weights;

/**
 * {@code util.DownBlock2d} (conv 3x3, BatchNorm, ReLU, AvgPool2d(2)) and, for 5-D weights, {@code util.DownBlock3d}
 * (conv 3x3x3, BatchNorm3d, ReLU, AvgPool3d((1, 2, 2))); BatchNorm folded into the conv at load.
 */
final class DownBlock2d {
    private final ConvLayer conv;

    private DownBlock2d(ConvLayer conv) {
        this.conv = conv;
    }

    static DownBlock2d load(Weights w) {
        return new DownBlock2d(ConvLayer.load(w.prefix("conv"), 1, 1).fold(ChannelAffine.loadBatchNorm(w.prefix("norm"))));
    }

    NDArray forward(NDArray x) {
        return Scoped.run(() -> Ops.avgPoolHalf(Activation.relu(conv.forward(x))));
    }
}
