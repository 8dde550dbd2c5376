package io.sadtalker.render.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import io.sadtalker.core.nn.Activations;
import io.sadtalker.core.nn.BatchNorm;
import io.sadtalker.core.nn.Conv3d;
import io.sadtalker.core.nn.ConvConfig;
import io.sadtalker.core.nn.Convolution;
import io.sadtalker.core.nn.Scoped;
import io.sadtalker.core.nn.SlicedWinogradConv3d;
import io.sadtalker.core.weights.Weights;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * {@code util.Hourglass} (3-D U-Net of the dense-motion network): {@code Encoder} of DownBlock3d, {@code Decoder}
 * of UpBlock3d with skip concatenation, then conv 3x3x3, BatchNorm3d (folded into the conv), ReLU; its output has
 * {@code block_expansion + in_features} channels ({@link #outFilters}). That last conv runs as a
 * {@link SlicedWinogradConv3d} (2-D Winograd per depth slice).
 */
final class Hourglass {
    private final List<DownBlock3d> downBlocks;
    private final List<UpBlock3d> upBlocks;
    private final Convolution conv;

    private Hourglass(List<DownBlock3d> downBlocks, List<UpBlock3d> upBlocks, Convolution conv) {
        this.downBlocks = downBlocks;
        this.upBlocks = upBlocks;
        this.conv = conv;
    }

    /** {@code Hourglass(block_expansion, in_features, num_blocks, max_features)}. */
    static Hourglass load(Weights w, int blockExpansion, int inFeatures, int numBlocks, int maxFeatures) {
        List<DownBlock3d> down = new ArrayList<>();
        List<UpBlock3d> up = new ArrayList<>();
        for (int i = 0; i < numBlocks; i++) {
            down.add(DownBlock3d.load(w.prefix("encoder").prefix("down_blocks").prefix(i),
                    i == 0 ? inFeatures : features(blockExpansion, i, maxFeatures),
                    features(blockExpansion, i + 1, maxFeatures)));
        }
        // the Decoder's up_blocks run from the deepest level (i = num_blocks - 1) up; all but the first read a skip
        for (int j = 0; j < numBlocks; j++) {
            int i = numBlocks - 1 - j;
            up.add(UpBlock3d.load(w.prefix("decoder").prefix("up_blocks").prefix(j),
                    (i == numBlocks - 1 ? 1 : 2) * features(blockExpansion, i + 1, maxFeatures),
                    features(blockExpansion, i, maxFeatures)));
        }
        Weights decoder = w.prefix("decoder");
        int out = outFilters(blockExpansion, inFeatures);
        return new Hourglass(down, up, SlicedWinogradConv3d.of(Conv3d.load(decoder.prefix("conv"), out, out, 3,
                ConvConfig.DEFAULT.padding(1)).absorb(BatchNorm.load(decoder.prefix("norm"), out, 1e-5))));
    }

    /** {@code min(max_features, block_expansion * 2^level)}: the channels at a level of the U-Net. */
    static int features(int blockExpansion, int level, int maxFeatures) {
        return Math.min(maxFeatures, blockExpansion << level);
    }

    /** {@code Hourglass.out_filters}: the channels of its output. */
    static int outFilters(int blockExpansion, int inFeatures) {
        return blockExpansion + inFeatures;
    }

    NDArray forward(NDArray x) {
        Deque<NDArray> outs = new ArrayDeque<>();
        outs.push(x);
        for (DownBlock3d block : downBlocks) {
            outs.push(block.forward(outs.peek()));
        }
        NDArray out = outs.pop();
        for (UpBlock3d block : upBlocks) {
            NDArray up = block.forward(out);
            NDArray skip = outs.pop();
            if (out != x) {
                out.close();
            }
            out = NDArrays.concat(new NDList(up, skip), 1);
            up.close();
            if (skip != x) {
                skip.close();
            }
        }
        NDArray last = out;
        return Scoped.run(() -> Activations.relu(conv.forward(last)));
    }
}
