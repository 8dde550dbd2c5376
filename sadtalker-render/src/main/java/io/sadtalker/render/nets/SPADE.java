package io.sadtalker.render.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.sadtalker.core.nn.InstanceNorm;
import io.sadtalker.core.weights.Weights;

/**
 * {@code util.SPADE}: {@code InstanceNorm2d(x) * (1 + gamma(seg)) + beta(seg)} where {@code seg} is the segmap
 * nearest-resized to x and {@code gamma}, {@code beta} are 3x3 convs of {@code relu(mlp_shared(seg))}.
 */
final class SPADE {
    static final float EPS = 1e-5f;
    private final ConvLayer mlpShared;
    private final ConvLayer mlpGamma;
    private final ConvLayer mlpBeta;

    private SPADE(ConvLayer mlpShared, ConvLayer mlpGamma, ConvLayer mlpBeta) {
        this.mlpShared = mlpShared;
        this.mlpGamma = mlpGamma;
        this.mlpBeta = mlpBeta;
    }

    static SPADE load(Weights w) {
        return new SPADE(ConvLayer.load(w.prefix("mlp_shared").prefix(0), 1, 1), ConvLayer.load(w.prefix("mlp_gamma"), 1, 1),
                ConvLayer.load(w.prefix("mlp_beta"), 1, 1));
    }

    NDArray forward(NDArray x, NDArray segmap) {
        NDArray normalized = InstanceNorm.apply(x, EPS);
        int factor = (int) (x.getShape().get(2) / segmap.getShape().get(2));
        NDArray seg = factor == 1 ? segmap : Ops.upsampleNearest(segmap, factor);
        NDArray actv = Activation.relu(mlpShared.forward(seg));
        NDArray gamma = mlpGamma.forward(actv);
        NDArray beta = mlpBeta.forward(actv);
        return normalized.mul(gamma.add(1f)).add(beta);
    }
}
