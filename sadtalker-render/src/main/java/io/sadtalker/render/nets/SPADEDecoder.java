package io.sadtalker.render.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import io.sadtalker.core.nn.Activations;
import io.sadtalker.core.nn.Conv2d;
import io.sadtalker.core.nn.ConvConfig;
import io.sadtalker.core.nn.Convolution;
import io.sadtalker.core.nn.Interpolate;
import io.sadtalker.core.nn.Scoped;
import io.sadtalker.core.nn.WinogradConv;
import io.sadtalker.core.weights.Weights;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code generator.SPADEDecoder}: conv 3x3 (256 to 512), six SPADE resblocks at the feature resolution, two
 * upsampling SPADE resblocks (512 to 256 to 64), conv 3x3 to RGB, sigmoid. The decoder input is also the segmap.
 *
 * <p>The wide 3x3 convs (fc, and in every block conv_0, conv_1, the gamma-beta convs and the middle blocks' shared
 * mlp conv, where they have 256 or more output channels: all of a middle block's 31 GMAC at 256) run as
 * {@link WinogradConv}. fc and the six middle blocks' shared mlp convs all read the decoder input: they run as one
 * conv of 256 to 2048 channels (one input transform instead of seven, larger channel products).
 */
final class SPADEDecoder {
    private static final int MIDDLE_BLOCKS = 6;
    /** {@code ic}, {@code oc} and {@code label_nc} of the original's constructor. */
    private static final int IC = 256;
    private static final int OC = 64;
    private static final int LABEL_NC = 256;
    /** fc and the middle blocks' shared mlp convs, which all read the decoder input: one conv, fc's outputs first. */
    private final Convolution fcAndShared;
    private final List<SPADEResnetBlock> middle;
    private final SPADEResnetBlock up0;
    private final SPADEResnetBlock up1;
    private final Conv2d convImg;

    private SPADEDecoder(Convolution fcAndShared, List<SPADEResnetBlock> middle, SPADEResnetBlock up0,
                         SPADEResnetBlock up1, Conv2d convImg) {
        this.fcAndShared = fcAndShared;
        this.middle = middle;
        this.up0 = up0;
        this.up1 = up1;
        this.convImg = convImg;
    }

    static SPADEDecoder load(Weights w) {
        ConvConfig same = ConvConfig.DEFAULT.padding(1);
        Conv2d fc = Conv2d.load(w.prefix("fc"), IC, 2 * IC, 3, same);
        NDList weights = new NDList(fc.weight());
        NDList biases = new NDList(fc.bias());
        List<SPADEResnetBlock> middle = new ArrayList<>();
        for (int i = 0; i < MIDDLE_BLOCKS; i++) {
            SPADEResnetBlock.Parts parts = SPADEResnetBlock.loadParts(w.prefix("G_middle_" + i), 2 * IC, 2 * IC,
                    LABEL_NC);
            middle.add(parts.block());
            weights.add(parts.shared().weight());
            biases.add(parts.shared().bias());
        }
        Conv2d fcAndShared = Conv2d.of(NDArrays.concat(weights, 0), NDArrays.concat(biases, 0), new long[] {1, 1},
                new long[] {1, 1}, new long[] {1, 1}, 1);
        return new SPADEDecoder(WinogradConv.of(fcAndShared), middle,
                SPADEResnetBlock.load(w.prefix("up_0"), 2 * IC, IC, LABEL_NC, 2),
                SPADEResnetBlock.load(w.prefix("up_1"), IC, OC, LABEL_NC, 4),
                Conv2d.load(w.prefix("conv_img"), OC, 3, 3, same));
    }

    NDArray forward(NDArray feature) {
        NDArray all = fcAndShared.forward(feature);
        long fcOut = 2L * IC;
        long perBlock = (all.getShape().get(1) - fcOut) / middle.size();
        NDArray x = all.get(new NDIndex(":, :{}", fcOut));
        for (int i = 0; i < middle.size(); i++) {
            Interruption.check();
            NDArray shared = all.get(new NDIndex(":, {}:{}", fcOut + i * perBlock, fcOut + (i + 1) * perBlock));
            x = replace(x, middle.get(i).forwardHidden(x, shared));
            shared.close();
        }
        all.close();
        Interruption.check();
        x = replace(x, upsampled(up0, x, feature));
        Interruption.check();
        x = replace(x, upsampled(up1, x, feature));
        NDArray last = x;
        return Scoped.run(() -> Activations.sigmoid(convImg.forward(Activations.leakyRelu(last, 0.2))));
    }

    /** {@code block(upsample(x, 2), seg)}, the upsampled input freed on return. */
    private static NDArray upsampled(SPADEResnetBlock block, NDArray x, NDArray seg) {
        return Scoped.run(() -> block.forward(Interpolate.nearestScale(x, 2, 2), seg));
    }

    /** Frees {@code old} (a decoder temporary) and returns {@code next}. */
    private static NDArray replace(NDArray old, NDArray next) {
        old.close();
        return next;
    }
}
