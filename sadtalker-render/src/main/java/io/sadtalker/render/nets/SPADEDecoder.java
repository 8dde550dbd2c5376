package io.sadtalker.render.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.sadtalker.core.nn.Scoped;
import io.sadtalker.core.weights.Weights;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code generator.SPADEDecoder}: conv 3x3 (256 to 512), six SPADE resblocks at the feature resolution, two
 * upsampling SPADE resblocks (512 to 256 to 64), conv 3x3 to RGB, sigmoid. The decoder input is also the segmap.
 *
 * <p>The wide 3x3 convs (fc, and in every block conv_0, conv_1, the gamma-beta convs and the middle blocks' shared
 * mlp conv, where they have 256 or more output channels: all of a middle block's 31 GMAC at 256) run as
 * {@link WinogradConv}: measured on 2 cores, 54 instead of 85 ms for a middle block's 512-to-512 conv at 64x64,
 * 148 instead of 172 ms for up_0's 512-to-256 conv_0 at 128x128, 325 instead of 417 ms for up_1's 128-to-512
 * gamma-beta conv at 256x256.
 */
final class SPADEDecoder {
    private static final int MIDDLE_BLOCKS = 6;
    private final Convolution fc;
    private final List<SPADEResnetBlock> middle;
    private final SPADEResnetBlock up0;
    private final SPADEResnetBlock up1;
    private final ConvLayer convImg;

    private SPADEDecoder(Convolution fc, List<SPADEResnetBlock> middle, SPADEResnetBlock up0, SPADEResnetBlock up1,
                         ConvLayer convImg) {
        this.fc = fc;
        this.middle = middle;
        this.up0 = up0;
        this.up1 = up1;
        this.convImg = convImg;
    }

    static SPADEDecoder load(Weights w) {
        List<SPADEResnetBlock> middle = new ArrayList<>();
        for (int i = 0; i < MIDDLE_BLOCKS; i++) {
            middle.add(SPADEResnetBlock.load(w.prefix("G_middle_" + i), 1, true));
        }
        return new SPADEDecoder(WinogradConv.of(ConvLayer.load(w.prefix("fc"), 1, 1)), middle,
                SPADEResnetBlock.load(w.prefix("up_0"), 2, true), SPADEResnetBlock.load(w.prefix("up_1"), 4, true),
                ConvLayer.load(w.prefix("conv_img"), 1, 1));
    }

    NDArray forward(NDArray feature) {
        NDArray x = fc.forward(feature);
        for (SPADEResnetBlock block : middle) {
            Interruption.check();
            x = replace(x, block.forward(x, feature));
        }
        Interruption.check();
        x = replace(x, upsampled(up0, x, feature));
        Interruption.check();
        x = replace(x, upsampled(up1, x, feature));
        NDArray last = x;
        return Scoped.run(() -> Activation.sigmoid(convImg.forward(Activation.leakyRelu(last, 0.2f))));
    }

    /** {@code block(upsample(x, 2), seg)}, the upsampled input freed on return. */
    private static NDArray upsampled(SPADEResnetBlock block, NDArray x, NDArray seg) {
        return Scoped.run(() -> block.forward(Ops.upsampleNearest(x, 2), seg));
    }

    /** Frees {@code old} (a decoder temporary) and returns {@code next}. */
    private static NDArray replace(NDArray old, NDArray next) {
        old.close();
        return next;
    }
}
