package io.sadtalker.render.nets;

import ai.djl.ndarray.NDArray;
import io.sadtalker.core.nn.Activations;
import io.sadtalker.core.nn.BatchNorm;
import io.sadtalker.core.nn.Conv3d;
import io.sadtalker.core.nn.ConvConfig;
import io.sadtalker.core.nn.Pooling;
import io.sadtalker.core.nn.Scoped;
import io.sadtalker.core.weights.Weights;

/** {@code util.DownBlock3d}: conv 3x3x3, BatchNorm3d (folded into the conv at load), ReLU, AvgPool3d((1, 2, 2)). */
final class DownBlock3d {
    private static final long[] POOL = {1, 2, 2};
    private static final long[] NO_PADDING = {0, 0, 0};
    private final Conv3d conv;

    private DownBlock3d(Conv3d conv) {
        this.conv = conv;
    }

    static DownBlock3d load(Weights w, int in, int out) {
        return new DownBlock3d(Conv3d.load(w.prefix("conv"), in, out, 3, ConvConfig.DEFAULT.padding(1))
                .absorb(BatchNorm.load(w.prefix("norm"), out, 1e-5)));
    }

    NDArray forward(NDArray x) {
        return Scoped.run(() -> Pooling.avgPool3d(Activations.relu(conv.forward(x)), POOL, POOL, NO_PADDING));
    }
}
