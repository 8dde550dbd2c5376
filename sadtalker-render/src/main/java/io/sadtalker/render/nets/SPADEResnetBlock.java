package io.sadtalker.render.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.sadtalker.core.weights.Weights;

/**
 * {@code util.SPADEResnetBlock} with {@code norm_G='spadespectralinstance'}: spectral-norm convs (resolved at load),
 * SPADE norms, LeakyReLU 0.2, learned 1x1 shortcut when {@code fin != fout}.
 */
final class SPADEResnetBlock {
    private final SPADE norm0;
    private final ConvLayer conv0;
    private final SPADE norm1;
    private final ConvLayer conv1;
    private final SPADE normS;
    private final ConvLayer convS;

    private SPADEResnetBlock(SPADE norm0, ConvLayer conv0, SPADE norm1, ConvLayer conv1, SPADE normS, ConvLayer convS) {
        this.norm0 = norm0;
        this.conv0 = conv0;
        this.norm1 = norm1;
        this.conv1 = conv1;
        this.normS = normS;
        this.convS = convS;
    }

    static SPADEResnetBlock load(Weights w) {
        boolean learnedShortcut = w.contains("conv_s.weight_orig");
        return new SPADEResnetBlock(SPADE.load(w.prefix("norm_0")), ConvLayer.loadSpectral(w.prefix("conv_0"), 1),
                SPADE.load(w.prefix("norm_1")), ConvLayer.loadSpectral(w.prefix("conv_1"), 1),
                learnedShortcut ? SPADE.load(w.prefix("norm_s")) : null,
                learnedShortcut ? ConvLayer.loadSpectral(w.prefix("conv_s"), 0) : null);
    }

    NDArray forward(NDArray x, NDArray seg) {
        NDArray xs = convS == null ? x : convS.forward(normS.forward(x, seg));
        NDArray dx = conv0.forward(Activation.leakyRelu(norm0.forward(x, seg), 0.2f));
        dx = conv1.forward(Activation.leakyRelu(norm1.forward(dx, seg), 0.2f));
        return xs.add(dx);
    }
}
