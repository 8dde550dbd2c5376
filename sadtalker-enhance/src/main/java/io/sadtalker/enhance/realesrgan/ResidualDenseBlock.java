package io.sadtalker.enhance.realesrgan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import io.sadtalker.core.nn.Activations;
import io.sadtalker.core.nn.Conv2d;
import io.sadtalker.core.nn.ConvConfig;
import io.sadtalker.core.weights.Weights;

/** BasicSR {@code ResidualDenseBlock}: five densely connected 3x3 convs (LeakyReLU 0.2), residual scaled by 0.2. */
final class ResidualDenseBlock {
    private static final float RESIDUAL_SCALE = 0.2f;

    private final Conv2d[] convs;

    private ResidualDenseBlock(Conv2d[] convs) {
        this.convs = convs;
    }

    /**
     * {@code ResidualDenseBlock(num_feat, num_grow_ch)}: {@code conv<i>} takes {@code num_feat + (i - 1) *
     * num_grow_ch} channels to {@code num_grow_ch} (to {@code num_feat} for conv5), 3x3, padding 1.
     */
    static ResidualDenseBlock load(Weights w, int numFeat, int numGrowCh) {
        Conv2d[] convs = new Conv2d[5];
        for (int i = 0; i < 5; i++) {
            convs[i] = Conv2d.load(w.prefix("conv" + (i + 1)), numFeat + i * numGrowCh, i < 4 ? numGrowCh : numFeat,
                    3, ConvConfig.DEFAULT.padding(1));
        }
        return new ResidualDenseBlock(convs);
    }

    /** x (b, feat, h, w) -> same shape. */
    NDArray forward(NDArray x) {
        NDList features = new NDList(x);
        for (int i = 0; i < 4; i++) {
            NDArray in = features.size() == 1 ? x : NDArrays.concat(features, 1);
            features.add(Activations.leakyRelu(convs[i].forward(in), 0.2));
        }
        NDArray x5 = convs[4].forward(NDArrays.concat(features, 1));
        return x5.mul(RESIDUAL_SCALE).add(x);
    }
}
