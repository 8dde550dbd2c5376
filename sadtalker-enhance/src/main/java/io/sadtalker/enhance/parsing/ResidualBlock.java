package io.sadtalker.enhance.parsing;

import ai.djl.ndarray.NDArray;
import io.sadtalker.core.nn.Activations;
import io.sadtalker.core.nn.BatchNorm;
import io.sadtalker.core.nn.Conv2d;
import io.sadtalker.core.nn.ConvConfig;
import io.sadtalker.core.nn.Interpolate;
import io.sadtalker.core.weights.Weights;

/**
 * facexlib ParseNet {@code ResidualBlock(c_in, c_out, relu_type='LeakyReLU', norm_type='bn', scale)}. Each of its
 * {@code ConvLayer}s is: nearest 2x upsampling for scale 'up', {@code ReflectionPad2d(1)}, a 3x3 conv (stride 2 for
 * 'down'). The block is the identity, or the {@code shortcut_func} ConvLayer when scaling or changing channels,
 * plus {@code conv1} (BatchNorm + LeakyReLU(0.2); upsamples for 'up') and {@code conv2} (BatchNorm; stride 2 for
 * 'down'). The batch norms (eps 1e-5) are folded into their bias-free convs at load.
 */
final class ResidualBlock {
    /** The original's {@code scale} argument. */
    enum Scale { NONE, DOWN, UP }

    private static final double BN_EPS = 1e-5;

    private final Scale scale;
    private final Conv2d shortcut;
    private final Conv2d conv1;
    private final Conv2d conv2;

    private ResidualBlock(Scale scale, Conv2d shortcut, Conv2d conv1, Conv2d conv2) {
        this.scale = scale;
        this.shortcut = shortcut;
        this.conv1 = conv1;
        this.conv2 = conv2;
    }

    /** Loads {@code shortcut_func.conv2d} (when scaling or {@code in != out}), {@code conv1.*} and {@code conv2.*}. */
    static ResidualBlock load(Weights w, int in, int out, Scale scale) {
        Conv2d shortcut = scale != Scale.NONE || in != out
                ? Conv2d.load(w.prefix("shortcut_func").prefix("conv2d"), in, out, 3, stride(scale)) : null;
        Conv2d conv1 = convBatchNorm(w.prefix("conv1"), in, out, Scale.NONE);
        Conv2d conv2 = convBatchNorm(w.prefix("conv2"), out, out, scale);
        return new ResidualBlock(scale, shortcut, conv1, conv2);
    }

    /** A ConvLayer's {@code conv2d} without bias, followed by its BatchNorm {@code norm.norm}, folded. */
    private static Conv2d convBatchNorm(Weights w, int in, int out, Scale scale) {
        return Conv2d.load(w.prefix("conv2d"), in, out, 3, stride(scale).noBias())
                .absorb(BatchNorm.load(w.prefix("norm").prefix("norm"), out, BN_EPS));
    }

    /** The conv of a ConvLayer: stride 2 for 'down', else 1; no padding (the layer reflection-pads first). */
    private static ConvConfig stride(Scale scale) {
        return ConvConfig.DEFAULT.stride(scale == Scale.DOWN ? 2 : 1);
    }

    /** x (b, in, h, w) -> (b, out, h', w'). */
    NDArray forward(NDArray x) {
        NDArray padded = ParseNet.reflectionPad1(scale == Scale.UP ? Interpolate.nearestScale(x, 2, 2) : x);
        NDArray identity = shortcut == null ? x : shortcut.forward(padded);
        NDArray h = Activations.leakyRelu(conv1.forward(padded), 0.2);
        return identity.add(conv2.forward(ParseNet.reflectionPad1(h)));
    }
}
