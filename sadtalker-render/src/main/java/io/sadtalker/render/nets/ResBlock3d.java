package io.sadtalker.render.nets;

import ai.djl.ndarray.NDArray;
import io.sadtalker.core.nn.Activations;
import io.sadtalker.core.nn.BatchNorm;
import io.sadtalker.core.nn.Conv3d;
import io.sadtalker.core.nn.ConvConfig;
import io.sadtalker.core.nn.Scoped;
import io.sadtalker.core.weights.Weights;

/**
 * {@code util.ResBlock3d}: {@code x + conv2(relu(norm2(conv1(relu(norm1(x))))))}, 3x3x3 convs of {@code in_features}
 * channels, norm2 folded into conv1.
 */
final class ResBlock3d {
    private final BatchNorm norm1;
    private final Conv3d conv1;
    private final Conv3d conv2;

    private ResBlock3d(BatchNorm norm1, Conv3d conv1, Conv3d conv2) {
        this.norm1 = norm1;
        this.conv1 = conv1;
        this.conv2 = conv2;
    }

    static ResBlock3d load(Weights w, int features) {
        ConvConfig same = ConvConfig.DEFAULT.padding(1);
        return new ResBlock3d(BatchNorm.load(w.prefix("norm1"), features, 1e-5),
                Conv3d.load(w.prefix("conv1"), features, features, 3, same)
                        .absorb(BatchNorm.load(w.prefix("norm2"), features, 1e-5)),
                Conv3d.load(w.prefix("conv2"), features, features, 3, same));
    }

    NDArray forward(NDArray x) {
        return Scoped.run(() -> {
            NDArray out = conv1.forward(Activations.relu(norm1.forward(x)));
            return conv2.forward(Activations.relu(out)).addi(x);
        });
    }
}
