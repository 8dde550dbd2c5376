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
 * <p>The 3x3 convs of x's path (fc, and in every block conv_0, conv_1 and the gamma-beta convs with 128 or more
 * output channels: 29 of a middle block's 31 GMAC at 256) run as {@link WinogradConv}: measured at 64x64 on 2
 * cores, 49 instead of 87 ms for a 512-to-512 conv, 34 instead of 44 ms for the 128-to-1024 gamma-beta conv; at
 * 128x128 246 instead of 364 ms for up_0's 512-to-256 conv_0.
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
            x = replace(x, block.forward(x, feature));
        }
        x = replace(x, upsampled(up0, x, feature));
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
