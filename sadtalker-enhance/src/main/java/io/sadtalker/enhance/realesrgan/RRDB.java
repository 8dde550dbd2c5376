package io.sadtalker.enhance.realesrgan;

import ai.djl.ndarray.NDArray;
import io.sadtalker.core.weights.Weights;

/** BasicSR {@code RRDB}: three {@link ResidualDenseBlock}s, residual scaled by 0.2. */
final class RRDB {
    private static final float RESIDUAL_SCALE = 0.2f;

    private final ResidualDenseBlock rdb1;
    private final ResidualDenseBlock rdb2;
    private final ResidualDenseBlock rdb3;

    private RRDB(ResidualDenseBlock rdb1, ResidualDenseBlock rdb2, ResidualDenseBlock rdb3) {
        this.rdb1 = rdb1;
        this.rdb2 = rdb2;
        this.rdb3 = rdb3;
    }

    /** {@code RRDB(num_feat, num_grow_ch)}: {@code rdb1} .. {@code rdb3}. */
    static RRDB load(Weights w, int numFeat, int numGrowCh) {
        return new RRDB(ResidualDenseBlock.load(w.prefix("rdb1"), numFeat, numGrowCh),
                ResidualDenseBlock.load(w.prefix("rdb2"), numFeat, numGrowCh),
                ResidualDenseBlock.load(w.prefix("rdb3"), numFeat, numGrowCh));
    }

    /** x (b, feat, h, w) -> same shape. */
    NDArray forward(NDArray x) {
        return rdb3.forward(rdb2.forward(rdb1.forward(x))).mul(RESIDUAL_SCALE).add(x);
    }
}
