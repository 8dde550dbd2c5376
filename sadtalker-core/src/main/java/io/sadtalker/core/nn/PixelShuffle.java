package io.sadtalker.core.nn;

import ai.djl.ndarray.NDArray;

/** {@code F.pixel_shuffle} / {@code F.pixel_unshuffle} on NCHW tensors (pure reshapes and one permutation). */
public final class PixelShuffle {
    private PixelShuffle() {
    }

    /** (N, C*r*r, H, W) to (N, C, H*r, W*r). */
    public static NDArray pixelShuffle(NDArray x, int r) {
        Geometry.requireRank("pixel_shuffle", x, 4);
        long[] s = x.getShape().getShape();
        if (r < 1 || s[1] % ((long) r * r) != 0) {
            throw new IllegalArgumentException("pixel_shuffle: channels of " + x.getShape() + " not divisible by "
                    + r * r);
        }
        long c = s[1] / ((long) r * r);
        return Scoped.run(() -> x.reshape(s[0], c, r, r, s[2], s[3]).transpose(0, 1, 4, 2, 5, 3)
                .reshape(s[0], c, s[2] * r, s[3] * r));
    }

    /** (N, C, H*r, W*r) to (N, C*r*r, H, W). */
    public static NDArray pixelUnshuffle(NDArray x, int r) {
        Geometry.requireRank("pixel_unshuffle", x, 4);
        long[] s = x.getShape().getShape();
        if (r < 1 || s[2] % r != 0 || s[3] % r != 0) {
            throw new IllegalArgumentException("pixel_unshuffle: spatial size of " + x.getShape()
                    + " not divisible by " + r);
        }
        long h = s[2] / r;
        long w = s[3] / r;
        return Scoped.run(() -> x.reshape(s[0], s[1], h, r, w, r).transpose(0, 1, 3, 5, 2, 4)
                .reshape(s[0], s[1] * r * r, h, w));
    }
}
