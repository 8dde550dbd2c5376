package io.sadtalker.enhance.realesrgan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import io.sadtalker.core.nn.Activations;
import io.sadtalker.core.nn.Conv2d;
import io.sadtalker.core.nn.ConvConfig;
import io.sadtalker.core.nn.Interpolate;
import io.sadtalker.core.nn.PixelShuffle;
import io.sadtalker.core.weights.Weights;
import java.util.ArrayList;
import java.util.List;

/**
 * BasicSR {@code RRDBNet} (basicsr/archs/rrdbnet_arch.py), as {@code RealESRGAN_x2plus.pth} (entry
 * {@code params_ema}) uses it with scale 2: {@code pixel_unshuffle} (2 for scale 2, 4 for scale 1), conv_first,
 * the RRDB trunk + conv_body (added to its input), two nearest 2x upsamplings with conv + LeakyReLU(0.2),
 * conv_hr + LeakyReLU, conv_last. Immutable; {@link #forward} is safe for concurrent calls.
 */
final class RRDBNet {
    /** RealESRGAN_x2plus's {@code num_feat}. */
    private static final int NUM_FEAT = 64;
    /** RealESRGAN_x2plus's {@code num_grow_ch}. */
    private static final int NUM_GROW_CH = 32;
    /** RGB in and out ({@code num_in_ch}, {@code num_out_ch}). */
    private static final int RGB = 3;

    private final int scale;
    private final Conv2d convFirst;
    private final List<RRDB> body;
    private final Conv2d convBody;
    private final Conv2d convUp1;
    private final Conv2d convUp2;
    private final Conv2d convHr;
    private final Conv2d convLast;

    private RRDBNet(int scale, Conv2d convFirst, List<RRDB> body, Conv2d convBody, Conv2d convUp1, Conv2d convUp2,
                    Conv2d convHr, Conv2d convLast) {
        this.scale = scale;
        this.convFirst = convFirst;
        this.body = body;
        this.convBody = convBody;
        this.convUp1 = convUp1;
        this.convUp2 = convUp2;
        this.convHr = convHr;
        this.convLast = convLast;
    }

    /**
     * {@code RRDBNet(num_in_ch=3, num_out_ch=3, scale, num_feat=64, num_block, num_grow_ch=32)} for output
     * {@code scale} (1, 2 or 4) with {@code numBlock} RRDBs (23 for Real-ESRGAN); conv_first takes the
     * pixel-unshuffled input (12 channels at scale 2, 48 at 1); every conv 3x3, padding 1.
     */
    static RRDBNet load(Weights w, int scale, int numBlock) {
        if (scale != 1 && scale != 2 && scale != 4) {
            throw new IllegalArgumentException("RRDBNet scale must be 1, 2 or 4, got " + scale);
        }
        List<RRDB> body = new ArrayList<>();
        for (int i = 0; i < numBlock; i++) {
            body.add(RRDB.load(w.prefix("body").prefix(i), NUM_FEAT, NUM_GROW_CH));
        }
        int in = scale == 2 ? RGB * 4 : scale == 1 ? RGB * 16 : RGB;
        return new RRDBNet(scale, conv(w, "conv_first", in, NUM_FEAT), body, conv(w, "conv_body", NUM_FEAT, NUM_FEAT),
                conv(w, "conv_up1", NUM_FEAT, NUM_FEAT), conv(w, "conv_up2", NUM_FEAT, NUM_FEAT),
                conv(w, "conv_hr", NUM_FEAT, NUM_FEAT), conv(w, "conv_last", NUM_FEAT, RGB));
    }

    private static Conv2d conv(Weights w, String name, int in, int out) {
        return Conv2d.load(w.prefix(name), in, out, 3, ConvConfig.DEFAULT.padding(1));
    }

    int scale() {
        return scale;
    }

    /** x (b, 3, h, w) RGB in [0, 1] (h, w divisible by 4/scale) -> (b, 3, h*scale, w*scale), not clamped. */
    NDArray forward(NDArray x) {
        NDArray out;
        try (NDScope s = new NDScope()) {
            s.suppressNotUsedWarning();
            NDArray feat = scale == 2 ? PixelShuffle.pixelUnshuffle(x, 2)
                    : scale == 1 ? PixelShuffle.pixelUnshuffle(x, 4) : x;
            feat = convFirst.forward(feat);
            NDArray trunk = feat;
            for (RRDB b : body) {
                trunk = b.forward(trunk);
            }
            feat = feat.add(convBody.forward(trunk));
            feat = Activations.leakyRelu(convUp1.forward(Interpolate.nearestScale(feat, 2, 2)), 0.2);
            feat = Activations.leakyRelu(convUp2.forward(Interpolate.nearestScale(feat, 2, 2)), 0.2);
            out = convLast.forward(Activations.leakyRelu(convHr.forward(feat), 0.2));
            NDScope.unregister(out);
        }
        NDScope.register(out);
        return out;
    }
}
