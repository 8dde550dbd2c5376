package io.sadtalker.render.nets;

import ai.djl.ndarray.NDArray;
import io.sadtalker.core.nn.Activations;
import io.sadtalker.core.nn.BatchNorm;
import io.sadtalker.core.nn.Conv2d;
import io.sadtalker.core.nn.ConvConfig;
import io.sadtalker.core.nn.Pooling;
import io.sadtalker.core.nn.Scoped;
import io.sadtalker.core.weights.Weights;

/** {@code util.DownBlock2d}: conv 3x3, BatchNorm (folded into the conv at load), ReLU, AvgPool2d(2). */
final class DownBlock2d {
    private final Conv2d conv;

    private DownBlock2d(Conv2d conv) {
        this.conv = conv;
    }

    static DownBlock2d load(Weights w, int in, int out) {
        return new DownBlock2d(Conv2d.load(w.prefix("conv"), in, out, 3, ConvConfig.DEFAULT.padding(1))
                .absorb(BatchNorm.load(w.prefix("norm"), out, 1e-5)));
    }

    NDArray forward(NDArray x) {
        return Scoped.run(() -> Pooling.avgPool2d(Activations.relu(conv.forward(x)), 2, 2, 0));
    }
}
