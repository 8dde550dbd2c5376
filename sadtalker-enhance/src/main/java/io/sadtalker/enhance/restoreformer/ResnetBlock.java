package io.sadtalker.enhance.restoreformer;

import ai.djl.ndarray.NDArray;
import io.sadtalker.core.nn.Conv2d;
import io.sadtalker.core.nn.ConvConfig;
import io.sadtalker.core.nn.GroupNorm;
import io.sadtalker.core.nn.Scoped;
import io.sadtalker.core.weights.Weights;

/**
 * {@code ResnetBlock} without timestep embedding: {@code x' + conv2(swish(norm2(conv1(swish(norm1(x))))))}, where
 * {@code x'} is {@code nin_shortcut(x)} (1x1) when the channel count changes. Dropout is inactive at inference.
 */
final class ResnetBlock {
    private final GroupNorm norm1;
    private final Conv2d conv1;
    private final GroupNorm norm2;
    private final Conv2d conv2;
    private final Conv2d ninShortcut;

    private ResnetBlock(GroupNorm norm1, Conv2d conv1, GroupNorm norm2, Conv2d conv2, Conv2d ninShortcut) {
        this.norm1 = norm1;
        this.conv1 = conv1;
        this.norm2 = norm2;
        this.conv2 = conv2;
        this.ninShortcut = ninShortcut;
    }

    /** {@code ResnetBlock(in_channels, out_channels, temb_channels=0)}: 3x3 convs, a 1x1 {@code nin_shortcut}. */
    static ResnetBlock load(Weights w, int inChannels, int outChannels) {
        return new ResnetBlock(RestoreFormer.normalize(w.prefix("norm1"), inChannels),
                RestoreFormer.conv3x3(w.prefix("conv1"), inChannels, outChannels),
                RestoreFormer.normalize(w.prefix("norm2"), outChannels),
                RestoreFormer.conv3x3(w.prefix("conv2"), outChannels, outChannels),
                inChannels != outChannels
                        ? Conv2d.load(w.prefix("nin_shortcut"), inChannels, outChannels, 1, ConvConfig.DEFAULT) : null);
    }

    NDArray forward(NDArray x) {
        return Scoped.run(() -> {
            NDArray h = conv1.forward(Nonlinearity.swish(norm1.forward(x)));
            h = conv2.forward(Nonlinearity.swish(norm2.forward(h)));
            return (ninShortcut != null ? ninShortcut.forward(x) : x).add(h);
        });
    }
}
