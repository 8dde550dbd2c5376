package io.sadtalker.enhance.parsing;

import ai.djl.ndarray.NDArray;
import io.sadtalker.core.weights.Weights;

/**
 * facexlib ParseNet {@code ResidualBlock} (norm 'bn', relu 'LeakyReLU' as ParseNet builds it): identity or a
 * {@code shortcut_func} ConvLayer (when scaling or changing channels) plus conv1 (BN + LeakyReLU) and conv2 (BN).
 */
public final class ResidualBlock {
    private final ConvLayer shortcut;
    private final ConvLayer conv1;
    private final ConvLayer conv2;

    private ResidualBlock(ConvLayer shortcut, ConvLayer conv1, ConvLayer conv2) {
        this.shortcut = shortcut;
        this.conv1 = conv1;
        this.conv2 = conv2;
    }

    /** Loads the block; the shortcut conv is read when the checkpoint has {@code shortcut_func}. */
    public static ResidualBlock load(Weights w, ConvLayer.Scale scale) {
        ConvLayer shortcut = scale != ConvLayer.Scale.NONE || w.contains("shortcut_func.conv2d.weight")
                ? ConvLayer.load(w.prefix("shortcut_func"), scale, false, false) : null;
        ConvLayer conv1 = ConvLayer.load(w.prefix("conv1"), scale == ConvLayer.Scale.UP ? scale : ConvLayer.Scale.NONE,
                true, true);
        ConvLayer conv2 = ConvLayer.load(w.prefix("conv2"),
                scale == ConvLayer.Scale.DOWN ? scale : ConvLayer.Scale.NONE, true, false);
        return new ResidualBlock(shortcut, conv1, conv2);
    }

    /** x (b, in, h, w) -> (b, out, h', w'). */
    public NDArray forward(NDArray x) {
        NDArray identity = shortcut == null ? x : shortcut.forward(x);
        return identity.add(conv2.forward(conv1.forward(x)));
    }
}
