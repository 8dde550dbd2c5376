package io.sadtalker.render.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.sadtalker.core.nn.Scoped;
import io.sadtalker.core.weights.Weights;

/** {@code util.SameBlock2d}: conv, BatchNorm (folded into the conv at load), ReLU (or LeakyReLU 0.01). */
final class SameBlock2d {
    private final ConvLayer conv;
    private final boolean lrelu;

    private SameBlock2d(ConvLayer conv, boolean lrelu) {
        this.conv = conv;
        this.lrelu = lrelu;
    }

    static SameBlock2d load(Weights w, int padding, boolean lrelu) {
        return new SameBlock2d(ConvLayer.load(w.prefix("conv"), 1, padding).fold(ChannelAffine.loadBatchNorm(w.prefix("norm"))),
                lrelu);
    }

    NDArray forward(NDArray x) {
        return Scoped.run(() -> {
            NDArray out = conv.forward(x);
            return lrelu ? Activation.leakyRelu(out, 0.01f) : Activation.relu(out);
        });
    }
}
