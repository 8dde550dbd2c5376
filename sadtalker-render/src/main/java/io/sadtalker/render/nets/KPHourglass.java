package io.sadtalker.render.nets;

import ai.djl.ndarray.NDArray;
import io.sadtalker.core.nn.Conv2d;
import io.sadtalker.core.nn.ConvConfig;
import io.sadtalker.core.weights.Weights;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code util.KPHourglass}: 2-D DownBlocks, a 1x1 conv to {@code reshape_features} channels viewed as a
 * (C / depth, depth, h, w) volume, 3-D UpBlocks; its output has {@code block_expansion} channels.
 */
final class KPHourglass {
    private final List<DownBlock2d> downBlocks;
    private final Conv2d conv;
    private final List<UpBlock3d> upBlocks;
    private final int reshapeDepth;

    private KPHourglass(List<DownBlock2d> downBlocks, Conv2d conv, List<UpBlock3d> upBlocks, int reshapeDepth) {
        this.downBlocks = downBlocks;
        this.conv = conv;
        this.upBlocks = upBlocks;
        this.reshapeDepth = reshapeDepth;
    }

    /** {@code KPHourglass(block_expansion, in_features, reshape_features, reshape_depth, num_blocks, max_features)}. */
    static KPHourglass load(Weights w, int blockExpansion, int inFeatures, int reshapeFeatures, int reshapeDepth,
                            int numBlocks, int maxFeatures) {
        List<DownBlock2d> down = new ArrayList<>();
        List<UpBlock3d> up = new ArrayList<>();
        for (int i = 0; i < numBlocks; i++) {
            down.add(DownBlock2d.load(w.prefix("down_blocks").prefix("down" + i),
                    i == 0 ? inFeatures : Hourglass.features(blockExpansion, i, maxFeatures),
                    Hourglass.features(blockExpansion, i + 1, maxFeatures)));
            up.add(UpBlock3d.load(w.prefix("up_blocks").prefix("up" + i),
                    Hourglass.features(blockExpansion, numBlocks - i, maxFeatures),
                    Hourglass.features(blockExpansion, numBlocks - i - 1, maxFeatures)));
        }
        Conv2d conv = Conv2d.load(w.prefix("conv"), Hourglass.features(blockExpansion, numBlocks, maxFeatures),
                reshapeFeatures, 1, ConvConfig.DEFAULT);
        return new KPHourglass(down, conv, up, reshapeDepth);
    }

    NDArray forward(NDArray x) {
        NDArray out = x;
        for (DownBlock2d block : downBlocks) {
            out = block.forward(out);
        }
        out = conv.forward(out);
        long[] s = out.getShape().getShape();
        out = out.reshape(s[0], s[1] / reshapeDepth, reshapeDepth, s[2], s[3]);
        for (UpBlock3d block : upBlocks) {
            out = block.forward(out);
        }
        return out;
    }
}
