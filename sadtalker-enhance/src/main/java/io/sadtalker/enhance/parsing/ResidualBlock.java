package io.sadtalker.enhance.parsing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.sadtalker.core.nn.Activations;
import io.sadtalker.core.nn.BatchNorm;
import io.sadtalker.core.nn.Conv2d;
import io.sadtalker.core.nn.ConvConfig;
import io.sadtalker.core.nn.Convolution;
import io.sadtalker.core.nn.UpsampledConv;
import io.sadtalker.core.nn.WinogradConv;
import io.sadtalker.core.weights.Weights;

/**
 * facexlib ParseNet {@code ResidualBlock(c_in, c_out, relu_type='LeakyReLU', norm_type='bn', scale)}. Each of its
 * {@code ConvLayer}s is: nearest 2x upsampling for scale 'up', {@code ReflectionPad2d(1)}, a 3x3 conv (stride 2 for
 * 'down'). The block is the identity, or the {@code shortcut_func} ConvLayer when scaling or changing channels,
 * plus {@code conv1} (BatchNorm + LeakyReLU(0.2); upsamples for 'up') and {@code conv2} (BatchNorm; stride 2 for
 * 'down'). The batch norms (eps 1e-5) are folded into their bias-free convs at load.
 *
 * <p>The same sums, reordered (float rounding only): an 'up' block's shortcut and {@code conv1} read the same
 * upsampled map, so they run as one conv with both outputs, evaluated on the low-resolution map
 * ({@link UpsampledConv#reflected}, 2.25x fewer multiply-adds); the stride-1 convs with at least
 * {@value #WINOGRAD_MIN_CHANNELS} inputs and outputs on maps where it {@link WinogradConv#pays} (64x64 and larger
 * here) run as {@link WinogradConv}: where it is faster than oneDNN's direct conv (256->256 at 64x64 0.83x, at
 * 128x128 0.95x of its time); narrower convs and the 32x32 body are faster direct (64->128 at 512x512 2.2x,
 * 128->128 at 256x256 1.6x, 256->256 at 32x32 1.2x as Winograd; see benchmarks/README.md).
 */
final class ResidualBlock {
    /** The original's {@code scale} argument. */
    enum Scale { NONE, DOWN, UP }

    private static final double BN_EPS = 1e-5;
    private static final int WINOGRAD_MIN_CHANNELS = 256;

    private final Scale scale;
    private final long out;
    private final Convolution shortcut;
    private final Convolution conv1;
    private final Convolution conv2;

    private ResidualBlock(Scale scale, long out, Convolution shortcut, Convolution conv1, Convolution conv2) {
        this.scale = scale;
        this.out = out;
        this.shortcut = shortcut;
        this.conv1 = conv1;
        this.conv2 = conv2;
    }

    /**
     * Loads {@code shortcut_func.conv2d} (when scaling or {@code in != out}), {@code conv1.*} and {@code conv2.*};
     * {@code side} is the side of the maps its stride-1 convs run on (the input's for 'down' and 'none', the
     * output's for 'up').
     */
    static ResidualBlock load(Weights w, int in, int out, Scale scale, int side) {
        Conv2d shortcut = scale != Scale.NONE || in != out
                ? Conv2d.load(w.prefix("shortcut_func").prefix("conv2d"), in, out, 3, stride(scale)) : null;
        Conv2d conv1 = convBatchNorm(w.prefix("conv1"), in, out, Scale.NONE);
        Conv2d conv2Direct = convBatchNorm(w.prefix("conv2"), out, out, scale);
        Convolution conv2 = scale == Scale.DOWN ? conv2Direct : fast(conv2Direct, side);
        if (scale == Scale.UP) {
            // one conv: outputs [0, out) the shortcut's, [out, 2 out) conv1's
            Conv2d both = Conv2d.of(shortcut.weight().concat(conv1.weight()), shortcut.bias().concat(conv1.bias()),
                    new long[] {1, 1}, new long[] {0, 0}, new long[] {1, 1}, 1);
            return new ResidualBlock(scale, out, null, UpsampledConv.reflected(both, 2), conv2);
        }
        return new ResidualBlock(scale, out, shortcut, fast(conv1, side), conv2);
    }

    /** A ConvLayer's {@code conv2d} without bias, followed by its BatchNorm {@code norm.norm}, folded. */
    private static Conv2d convBatchNorm(Weights w, int in, int out, Scale scale) {
        return Conv2d.load(w.prefix("conv2d"), in, out, 3, stride(scale).noBias())
                .absorb(BatchNorm.load(w.prefix("norm").prefix("norm"), out, BN_EPS));
    }

    /** A stride-1 {@code conv} on side x side maps as Winograd where that is faster (see the class comment). */
    private static Convolution fast(Conv2d conv, int side) {
        Shape s = conv.weight().getShape();
        boolean wide = s.get(0) >= WINOGRAD_MIN_CHANNELS && s.get(1) >= WINOGRAD_MIN_CHANNELS;
        return wide && WinogradConv.pays(s.get(1), s.get(0), side, side) ? WinogradConv.of(conv) : conv;
    }

    /** The conv of a ConvLayer: stride 2 for 'down', else 1; no padding (the layer reflection-pads first). */
    private static ConvConfig stride(Scale scale) {
        return ConvConfig.DEFAULT.stride(scale == Scale.DOWN ? 2 : 1);
    }

    /** x (b, in, h, w) -> (b, out, h', w'). */
    NDArray forward(NDArray x) {
        NDArray identity;
        NDArray h;
        if (scale == Scale.UP) {
            NDArray both = conv1.forward(x);
            identity = both.get(":, :{}", out);
            h = Activations.leakyRelu(both.get(":, {}:", out), 0.2);
        } else {
            NDArray padded = ParseNet.reflectionPad1(x);
            identity = shortcut == null ? x : shortcut.forward(padded);
            h = Activations.leakyRelu(conv1.forward(padded), 0.2);
        }
        return identity.add(conv2.forward(ParseNet.reflectionPad1(h)));
    }
}
