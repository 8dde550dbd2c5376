package io.sadtalker.render.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.sadtalker.core.nn.Scoped;
import io.sadtalker.core.weights.Weights;

/** {@code util.ResBlock3d}: {@code x + conv2(relu(norm2(conv1(relu(norm1(x))))))}, 3x3x3 convs, norm2 folded into conv1. */
final class ResBlock3d {
    private final ChannelAffine norm1;
    private final ConvLayer conv1;
    private final ConvLayer conv2;

    private ResBlock3d(ChannelAffine norm1, ConvLayer conv1, ConvLayer conv2) {
        this.norm1 = norm1;
        this.conv1 = conv1;
        this.conv2 = conv2;
    }

    static ResBlock3d load(Weights w) {
        return new ResBlock3d(ChannelAffine.loadBatchNorm(w.prefix("norm1")),
                ConvLayer.load(w.prefix("conv1"), 1, 1).fold(ChannelAffine.loadBatchNorm(w.prefix("norm2"))),
                ConvLayer.load(w.prefix("conv2"), 1, 1));
    }

    NDArray forward(NDArray x) {
        return Scoped.run(() -> {
            NDArray out = conv1.forward(Activation.relu(norm1.apply(x)));
            return conv2.forward(Activation.relu(out)).addi(x);
        });
    }
}
