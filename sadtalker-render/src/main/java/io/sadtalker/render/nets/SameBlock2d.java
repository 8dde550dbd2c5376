package io.sadtalker.render.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.sadtalker.core.nn.Scoped;
import io.sadtalker.core.weights.Weights;

/**
 * {@code util.SameBlock2d}: conv, BatchNorm (folded into the conv at load), ReLU (or LeakyReLU 0.01); a wide 3x3 conv
 * runs as {@link WinogradConv}.
 */
final class SameBlock2d {
    private final Convolution conv;
    private final boolean lrelu;

    private SameBlock2d(Convolution conv, boolean lrelu) {
        this.conv = conv;
        this.lrelu = lrelu;
    }

    static SameBlock2d load(Weights w, int padding, boolean lrelu) {
        ConvLayer conv = ConvLayer.load(w.prefix("conv"), 1, padding)
                .fold(ChannelAffine.loadBatchNorm(w.prefix("norm")));
        return new SameBlock2d(WinogradConv.orDirect(conv), lrelu);
    }

    NDArray forward(NDArray x) {
        return Scoped.run(() -> {
            NDArray out = conv.forward(x);
            return lrelu ? Activation.leakyRelu(out, 0.01f) : Activation.relu(out);
        });
    }
}
