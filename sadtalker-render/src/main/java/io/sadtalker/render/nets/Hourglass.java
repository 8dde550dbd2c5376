package io.sadtalker.render.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import io.sadtalker.core.nn.Scoped;
import io.sadtalker.core.weights.Weights;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * {@code util.Hourglass} (3-D U-Net of the dense-motion network): {@code Encoder} of DownBlock3d, {@code Decoder}
 * of UpBlock3d with skip concatenation, then conv 3x3x3, BatchNorm3d, ReLU.
 */
final class Hourglass {
    private final List<DownBlock2d> downBlocks;
    private final List<UpBlock3d> upBlocks;
    private final ConvLayer conv;

    private Hourglass(List<DownBlock2d> downBlocks, List<UpBlock3d> upBlocks, ConvLayer conv) {
        this.downBlocks = downBlocks;
        this.upBlocks = upBlocks;
        this.conv = conv;
    }

    static Hourglass load(Weights w, int numBlocks) {
        List<DownBlock2d> down = new ArrayList<>();
        List<UpBlock3d> up = new ArrayList<>();
        for (int i = 0; i < numBlocks; i++) {
            down.add(DownBlock2d.load(w.prefix("encoder").prefix("down_blocks").prefix(i)));
            up.add(UpBlock3d.load(w.prefix("decoder").prefix("up_blocks").prefix(i)));
        }
        Weights decoder = w.prefix("decoder");
        return new Hourglass(down, up,
                ConvLayer.load(decoder.prefix("conv"), 1, 1).fold(ChannelAffine.loadBatchNorm(decoder.prefix("norm"))));
    }

    NDArray forward(NDArray x) {
        Deque<NDArray> outs = new ArrayDeque<>();
        outs.push(x);
        for (DownBlock2d block : downBlocks) {
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
        return Scoped.run(() -> Activation.relu(conv.forward(last)));
    }
}
