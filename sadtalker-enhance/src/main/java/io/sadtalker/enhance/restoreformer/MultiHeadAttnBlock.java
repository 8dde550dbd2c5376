package io.sadtalker.enhance.restoreformer;

import ai.djl.ndarray.NDArray;
import io.sadtalker.core.nn.Activations;
import io.sadtalker.core.nn.Conv2d;
import io.sadtalker.core.nn.ConvConfig;
import io.sadtalker.core.nn.GroupNorm;
import io.sadtalker.core.nn.Scoped;
import io.sadtalker.core.weights.Weights;

/**
 * {@code MultiHeadAttnBlock}: multi-head attention over the spatial positions with 1x1 q/k/v/proj_out convolutions
 * and a residual. Self-attention takes q, k and v from {@code norm1(x)}; cross-attention takes q from
 * {@code norm2(y)} (the encoder feature) and k, v from {@code norm1(x)}. Channel {@code c} belongs to head
 * {@code c / att_size}; logits are scaled by {@code att_size^-0.5}.
 */
final class MultiHeadAttnBlock {
    private final int headSize;
    private final GroupNorm norm1;
    private final GroupNorm norm2;
    private final Conv2d q;
    private final Conv2d k;
    private final Conv2d v;
    private final Conv2d projOut;

    private MultiHeadAttnBlock(int headSize, GroupNorm norm1, GroupNorm norm2, Conv2d q, Conv2d k, Conv2d v,
                               Conv2d projOut) {
        this.headSize = headSize;
        this.norm1 = norm1;
        this.norm2 = norm2;
        this.q = q;
        this.k = k;
        this.v = v;
        this.projOut = projOut;
    }

    /** {@code MultiHeadAttnBlock(in_channels, head_size)}: two norms and four 1x1 in -> in convs. */
    static MultiHeadAttnBlock load(Weights w, int channels, int headSize) {
        if (channels % headSize != 0) {
            throw new IllegalArgumentException(channels + " channels not divisible into " + headSize + " heads");
        }
        return new MultiHeadAttnBlock(headSize, RestoreFormer.normalize(w.prefix("norm1"), channels),
                RestoreFormer.normalize(w.prefix("norm2"), channels), conv1x1(w.prefix("q"), channels),
                conv1x1(w.prefix("k"), channels), conv1x1(w.prefix("v"), channels),
                conv1x1(w.prefix("proj_out"), channels));
    }

    private static Conv2d conv1x1(Weights w, int channels) {
        return Conv2d.load(w, channels, channels, 1, ConvConfig.DEFAULT);
    }

    /** Self-attention ({@code y} null) or cross-attention to {@code y}, both (b, c, h, w). */
    NDArray forward(NDArray x, NDArray y) {
        return Scoped.run(() -> {
            long b = x.getShape().get(0);
            long c = x.getShape().get(1);
            long h = x.getShape().get(2);
            long w = x.getShape().get(3);
            long att = c / headSize;
            NDArray hx = norm1.forward(x);
            NDArray query = q.forward(y == null ? hx : norm2.forward(y));
            // (b, head, hw, att) for q and v, (b, head, att, hw) for k
            NDArray qh = query.reshape(b, headSize, att, h * w).transpose(0, 1, 3, 2)
                    .mul((float) Math.pow((int) att, -0.5));
            NDArray kh = k.forward(hx).reshape(b, headSize, att, h * w);
            NDArray vh = v.forward(hx).reshape(b, headSize, att, h * w).transpose(0, 1, 3, 2);
            NDArray weights = Activations.softmax(qh.matMul(kh), 3);
            NDArray out = weights.matMul(vh).transpose(0, 2, 1, 3).reshape(b, h, w, c).transpose(0, 3, 1, 2);
            return x.add(projOut.forward(out));
        });
    }
}
