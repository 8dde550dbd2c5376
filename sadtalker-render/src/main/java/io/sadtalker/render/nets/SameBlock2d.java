package io.sadtalker.render.nets;

import ai.djl.ndarray.NDArray;
import io.sadtalker.core.nn.Activations;
import io.sadtalker.core.nn.BatchNorm;
import io.sadtalker.core.nn.Conv2d;
import io.sadtalker.core.nn.ConvConfig;
import io.sadtalker.core.nn.Convolution;
import io.sadtalker.core.nn.Scoped;
import io.sadtalker.core.nn.WinogradConv;
import io.sadtalker.core.weights.Weights;

/**
 * {@code util.SameBlock2d}: conv 3x3 (padding 1), BatchNorm (folded into the conv at load), ReLU (or LeakyReLU
 * 0.01); a wide conv runs as {@link WinogradConv}.
 */
final class SameBlock2d {
    private final Convolution conv;
    private final boolean lrelu;

    private SameBlock2d(Convolution conv, boolean lrelu) {
        this.conv = conv;
        this.lrelu = lrelu;
    }

    static SameBlock2d load(Weights w, int in, int out, boolean lrelu) {
        Conv2d conv = Conv2d.load(w.prefix("conv"), in, out, 3, ConvConfig.DEFAULT.padding(1))
                .absorb(BatchNorm.load(w.prefix("norm"), out, 1e-5));
        return new SameBlock2d(WinogradConv.orDirect(conv), lrelu);
    }

    NDArray forward(NDArray x) {
        return Scoped.run(() -> {
            NDArray out = conv.forward(x);
            return lrelu ? Activations.leakyRelu(out, 0.01) : Activations.relu(out);
        });
    }
}
