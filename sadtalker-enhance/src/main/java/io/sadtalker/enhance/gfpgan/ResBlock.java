package io.sadtalker.enhance.gfpgan;

import ai.djl.ndarray.NDArray;
import io.sadtalker.core.nn.Activations;
import io.sadtalker.core.nn.BilinearUpsampledConv;
import io.sadtalker.core.nn.Conv2d;
import io.sadtalker.core.nn.ConvConfig;
import io.sadtalker.core.nn.Convolution;
import io.sadtalker.core.nn.Interpolate;
import io.sadtalker.core.nn.WinogradConv;
import io.sadtalker.core.weights.Weights;

/**
 * GFPGAN's U-Net {@code ResBlock}: conv1 3x3 + LeakyReLU(0.2), bilinear resize by 0.5 ('down') or 2 ('up'),
 * conv2 3x3 + LeakyReLU(0.2), plus the resized input through the bias-free 1x1 {@code skip}. The 3x3 convs of at
 * least 256 outputs run as {@link WinogradConv} on maps where it pays ({@link WinogradConv#orDirect}). In 'up'
 * blocks the skip runs before the upsampling instead of after it: both are linear maps acting on different axes
 * (channels, pixels), so they commute; the same sums reordered (float rounding only), with the 1x1 conv on a quarter
 * of the pixels and the upsampling on the {@code out} channels instead of the wider {@code in}; and the upsampling of
 * conv1's output with {@code conv2} runs as one {@link BilinearUpsampledConv}.
 */
final class ResBlock {
    private final Convolution conv1;
    private final Convolution conv2;
    private final Conv2d skip;
    private final double scaleFactor;

    private ResBlock(Convolution conv1, Convolution conv2, Conv2d skip, double scaleFactor) {
        this.conv1 = conv1;
        this.conv2 = conv2;
        this.skip = skip;
        this.scaleFactor = scaleFactor;
    }

    /**
     * {@code ResBlock(in, out, mode)}: {@code conv1} in -> in 3x3, {@code conv2} in -> out 3x3 (padding 1),
     * {@code skip} in -> out 1x1 without bias; {@code up} selects mode 'up' (else 'down'); {@code side}: the input
     * maps' size, for the Winograd choice.
     */
    static ResBlock load(Weights w, int in, int out, boolean up, int side) {
        ConvConfig same = ConvConfig.DEFAULT.padding(1);
        Conv2d conv2 = Conv2d.load(w.prefix("conv2"), in, out, 3, same);
        return new ResBlock(WinogradConv.orDirect(Conv2d.load(w.prefix("conv1"), in, in, 3, same), side),
                up ? BilinearUpsampledConv.of(conv2) : WinogradConv.orDirect(conv2, side / 2),
                Conv2d.load(w.prefix("skip"), in, out, 1, ConvConfig.DEFAULT.noBias()), up ? 2.0 : 0.5);
    }

    /** x (b, in, h, w) -> (b, out, h*s, w*s). */
    NDArray forward(NDArray x) {
        NDArray out = Activations.leakyRelu(conv1.forward(x), 0.2);
        if (scaleFactor < 1) {
            out = Interpolate.bilinearScale(out, scaleFactor, scaleFactor, false);
        }
        out = Activations.leakyRelu(conv2.forward(out), 0.2);
        NDArray skipped = scaleFactor > 1
                ? Interpolate.bilinearScale(skip.forward(x), scaleFactor, scaleFactor, false)
                : skip.forward(Interpolate.bilinearScale(x, scaleFactor, scaleFactor, false));
        return out.addi(skipped);
    }
}
