package io.sadtalker.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * A 3x3x3 convolution (stride 1, padding 1) as a 2-D {@link WinogradConv} over the depth slices: the three depth
 * taps become output channels ({@code C -> 3 K}, kernels {@code w[k, c, kd]} at channel {@code kd * K + k}), so every
 * slice is transformed once, and output slice {@code d} sums tap 0 of slice {@code d - 1}, tap 1 of slice {@code d}
 * and tap 2 of slice {@code d + 1}. The same sums as the direct convolution, reordered (float rounding only), with
 * Winograd's 2.25x fewer multiply-adds; the slices go in groups of about a thousand tiles, each group's taps added
 * into the output as it is done. The hourglass's last conv of the dense motion network (112 to 112 channels on a
 * 16x64x64 volume, 2 threads, median of 5): 285 ms direct (oneDNN), 235 ms in this form; narrower outputs do not
 * pay (80 to 64 channels on the same volume: 85 ms direct, 137 ms), see benchmarks/README.md.
 */
public final class SlicedWinogradConv3d implements Convolution {
    private static final long GROUP_TILES = 1024;

    private final WinogradConv taps;
    private final NDArray bias;
    private final long out;

    private SlicedWinogradConv3d(WinogradConv taps, NDArray bias, long out) {
        this.taps = taps;
        this.bias = bias;
        this.out = out;
    }

    /** The sliced form of {@code conv}, which must be a plain 3x3x3 convolution with padding 1 (one group). */
    public static SlicedWinogradConv3d of(Conv3d conv) {
        Shape s = conv.weight().getShape();
        if (s.get(2) != 3 || s.get(3) != 3 || s.get(4) != 3 || !conv.core().isPlain(1)) {
            throw new IllegalArgumentException("the sliced Winograd form needs a plain 3x3x3 conv with padding 1, got "
                    + s + (conv.core().isPlain(1) ? "" : " with other stride/padding/dilation/groups"));
        }
        long k = s.get(0);
        NDArray stacked = Scoped.run(() -> conv.weight().transpose(2, 0, 1, 3, 4).reshape(3 * k, s.get(1), 3, 3));
        WinogradConv taps = WinogradConv.of(Conv2d.of(stacked, null, new long[] {1, 1}, new long[] {1, 1},
                new long[] {1, 1}, 1));
        stacked.close();
        return new SlicedWinogradConv3d(taps, conv.bias(), k);
    }

    /** The convolution of {@code x} (B, C, D, H, W): (B, K, D, H, W). */
    @Override
    public NDArray forward(NDArray x) {
        return Scoped.run(() -> {
            long[] s = x.getShape().getShape();
            long b = s[0];
            long d = s[2];
            long h = s[3];
            long w = s[4];
            NDArray slices = x.transpose(0, 2, 1, 3, 4);
            Shape outShape = new Shape(b, d, out, h, w);
            NDArray y = bias == null ? x.getManager().zeros(outShape, x.getDataType())
                    : bias.reshape(1, 1, out, 1, 1).broadcast(outShape).duplicate();
            long group = Math.max(1, GROUP_TILES / WinogradConv.tiles(h, w));
            for (long i = 0; i < b; i++) {
                for (long d0 = 0; d0 < d; d0 += group) {
                    long d1 = Math.min(d, d0 + group);
                    // each group's taps are freed as soon as they are added
                    try (NDScope scope = new NDScope()) {
                        scope.suppressNotUsedWarning();
                        addTaps(y.get(i), taps.forward(slices.get(new NDIndex("{}, {}:{}", i, d0, d1))), d0, d1, d);
                    }
                }
            }
            // (B, D, K, H, W) -> (B, K, D, H, W), contiguous
            return y.transpose(0, 2, 1, 3, 4).reshape(b, out, d * h * w).reshape(b, out, d, h, w);
        });
    }

    /** Adds the taps {@code t} (n, 3K, H, W) of input slices {@code d0..d1} into the output slices they reach. */
    private void addTaps(NDArray y, NDArray t, long d0, long d1, long depth) {
        long k = out;
        y.get(new NDIndex("{}:{}", d0, d1)).addi(t.get(new NDIndex(":, {}:{}", k, 2 * k)));
        // tap 0 of slice e reaches output e + 1, tap 2 output e - 1
        long hi = Math.min(d1 + 1, depth);
        if (hi > d0 + 1) {
            y.get(new NDIndex("{}:{}", d0 + 1, hi)).addi(t.get(new NDIndex(":{}, :{}", hi - d0 - 1, k)));
        }
        long lo = Math.max(d0, 1);
        if (d1 > lo) {
            y.get(new NDIndex("{}:{}", lo - 1, d1 - 1)).addi(t.get(new NDIndex("{}:, {}:", lo - d0, 2 * k)));
        }
    }
}
