package io.sadtalker.enhance.gfpgan;

import ai.djl.ndarray.NDArray;
import io.sadtalker.core.nn.Activations;
import io.sadtalker.core.nn.Conv2d;
import io.sadtalker.core.nn.ConvConfig;
import io.sadtalker.core.nn.Convolution;
import io.sadtalker.core.nn.WinogradConv;
import io.sadtalker.core.weights.Weights;

/**
 * GFPGAN's {@code condition_scale[i]} and {@code condition_shift[i]} at one resolution, each
 * {@code Sequential(Conv2d(c, c, 3, 1, 1), LeakyReLU(0.2), Conv2d(c, sftOut, 3, 1, 1))}. Both first convs read the
 * same features, so they run as one conv with both outputs (the same sums); every conv of at least 256 outputs runs
 * as {@link WinogradConv} on maps where that pays ({@link WinogradConv#orDirect}).
 */
final class Condition {
    private final Convolution first;
    private final long channels;
    private final Convolution scale;
    private final Convolution shift;

    private Condition(Convolution first, long channels, Convolution scale, Convolution shift) {
        this.first = first;
        this.channels = channels;
        this.scale = scale;
        this.shift = shift;
    }

    /**
     * Loads {@code condition_scale.{0,2}} from {@code scaleW}, {@code condition_shift.{0,2}} from {@code shiftW}, for
     * {@code side x side} maps.
     */
    static Condition load(Weights scaleW, Weights shiftW, int c, int sftOut, int side) {
        ConvConfig same = ConvConfig.DEFAULT.padding(1);
        Conv2d scale0 = Conv2d.load(scaleW.prefix(0), c, c, 3, same);
        Conv2d shift0 = Conv2d.load(shiftW.prefix(0), c, c, 3, same);
        // outputs [0, c) the scale branch's, [c, 2c) the shift branch's
        Conv2d both = Conv2d.of(scale0.weight().concat(shift0.weight()), scale0.bias().concat(shift0.bias()),
                new long[] {1, 1}, new long[] {1, 1}, new long[] {1, 1}, 1);
        return new Condition(WinogradConv.orDirect(both, side), c,
                WinogradConv.orDirect(Conv2d.load(scaleW.prefix(2), c, sftOut, 3, same), side),
                WinogradConv.orDirect(Conv2d.load(shiftW.prefix(2), c, sftOut, 3, same), side));
    }

    /** feat (b, c, h, w) -> {scale, shift}, each (b, sftOut, h, w). */
    NDArray[] forward(NDArray feat) {
        NDArray h = Activations.leakyRelu(first.forward(feat), 0.2);
        return new NDArray[] {scale.forward(h.get(":, :{}", channels)), shift.forward(h.get(":, {}:", channels))};
    }
}
