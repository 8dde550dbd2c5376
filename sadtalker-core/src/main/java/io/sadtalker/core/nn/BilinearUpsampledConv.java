package io.sadtalker.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * A 3x3 convolution (stride 1, padding 1) of a map upsampled 2x bilinearly (align_corners false),
 * {@code conv(interpolate(x, scale_factor=2, mode='bilinear'))}, with a quarter of the channel multiply-adds.
 * The upsampled map is the low-res map edge-padded by 1, zero-interleaved ({@code z[2i] = x[i]}, odd positions 0)
 * and filtered per channel by {@code [1/4, 3/4, 3/4, 1/4]} along each axis. That filter commutes with the conv, so
 * the conv runs on {@code z} first, where an even output row meets only the kernel's middle row and an odd one its
 * outer two rows (the same for columns): four small convolutions of the edge-padded low-res map with 1, 2, 2 and 4
 * taps (9 per low-res pixel instead of the 36 of the upsampled map), interleaved, then the filter as one depthwise
 * 4x4 conv over the output channels. The output's border ring, where the conv's zero padding meets the upsampled
 * map, is the direct conv of the upsampled edge rows and columns. The same sums reordered: float rounding only.
 * Maps under 32x32 (where the extra calls cost more than the products saved: 16x16 to 32x32 with 512 channels,
 * 32 against 23 ms) take the direct path. Hand-written because libtorch has no such kernel; measured in
 * benchmarks/README.md (GFPGAN's upsampling layers: 2x faster from 32x32 up).
 */
public final class BilinearUpsampledConv implements Convolution {
    private static final float[] FILTER = {0.25f, 0.75f, 0.75f, 0.25f};
    private static final long MIN_PIXELS = 32 * 32;

    private final Conv2d conv;
    private final Conv2d rowConv;
    private final Conv2d colConv;
    private final Conv2d evenEven;
    private final Conv2d evenOdd;
    private final Conv2d oddEven;
    private final Conv2d oddOdd;
    private final Conv2d filter;

    private BilinearUpsampledConv(Conv2d conv, Conv2d evenEven, Conv2d evenOdd, Conv2d oddEven, Conv2d oddOdd,
                                  Conv2d filter) {
        this.conv = conv;
        this.rowConv = Conv2d.of(conv.weight(), conv.bias(), new long[] {1, 1}, new long[] {0, 1}, new long[] {1, 1}, 1);
        this.colConv = Conv2d.of(conv.weight(), conv.bias(), new long[] {1, 1}, new long[] {1, 0}, new long[] {1, 1}, 1);
        this.evenEven = evenEven;
        this.evenOdd = evenOdd;
        this.oddEven = oddEven;
        this.oddOdd = oddOdd;
        this.filter = filter;
    }

    /** The decomposition of {@code conv}, a plain 3x3 convolution with padding 1. */
    public static BilinearUpsampledConv of(Conv2d conv) {
        NDArray w = conv.weight();
        Shape s = w.getShape();
        if (s.get(2) != 3 || s.get(3) != 3 || !conv.core().isPlain(1)) {
            throw new IllegalArgumentException("the bilinear phase decomposition needs a plain 3x3 conv with padding 1,"
                    + " got " + s);
        }
        long k = s.get(0);
        NDArray taps = w.getManager().create(FILTER);
        NDArray filter = taps.reshape(4, 1).matMul(taps.reshape(1, 4)).reshape(1, 1, 4, 4).repeat(0, k);
        return new BilinearUpsampledConv(conv, unpadded(w.get(":, :, 1:2, 1:2"), conv.bias()),
                unpadded(w.get(":, :, 1:2, ::2"), null), unpadded(w.get(":, :, ::2, 1:2"), null),
                unpadded(w.get(":, :, ::2, ::2"), null),
                Conv2d.of(filter, null, new long[] {1, 1}, new long[] {0, 0}, new long[] {1, 1}, (int) k));
    }

    /**
     * {@code conv(interpolate(x, scale_factor=2, mode='bilinear'))} for a conv used once (kernels made per call): the
     * decomposition is built only where it pays, else the direct path runs without it.
     */
    public static NDArray apply(Conv2d conv, NDArray x) {
        return pays(x) ? of(conv).forward(x) : direct(conv, x);
    }

    /** Whether the decomposition is faster than the direct path for {@code x}: maps of at least 32x32, 2x2. */
    private static boolean pays(NDArray x) {
        long[] s = x.getShape().getShape();
        return s[2] * s[3] >= MIN_PIXELS && s[2] >= 2 && s[3] >= 2;
    }

    private static NDArray direct(Conv2d conv, NDArray x) {
        return conv.forward(Interpolate.bilinearScale(x, 2, 2, false));
    }

    private static Conv2d unpadded(NDArray weight, NDArray bias) {
        return Conv2d.of(weight.duplicate(), bias, new long[] {1, 1}, new long[] {0, 0}, new long[] {1, 1}, 1);
    }

    /** {@code conv(interpolate(x, scale_factor=2, mode='bilinear'))} for {@code x} (B, C, h, w): (B, K, 2h, 2w). */
    @Override
    public NDArray forward(NDArray x) {
        if (!pays(x)) {
            return direct(conv, x);
        }
        long[] s = x.getShape().getShape();
        return Scoped.run(() -> {
            // the bias rides on the even-even phase: the filter's taps on even positions sum to 1 along each axis
            NDArray padded = UpsampledConv.edgePad1(x);
            NDArray ee = evenEven.forward(padded);
            NDArray y = x.getManager().create(new Shape(s[0], ee.getShape().get(1), 2 * s[2] + 3, 2 * s[3] + 3),
                    x.getDataType());
            y.set(new NDIndex(":, :, 0::2, 0::2"), ee);
            ee.close();
            y.set(new NDIndex(":, :, 0::2, 1::2"), evenOdd.forward(padded));
            y.set(new NDIndex(":, :, 1::2, 0::2"), oddEven.forward(padded));
            y.set(new NDIndex(":, :, 1::2, 1::2"), oddOdd.forward(padded));
            NDArray out = filter.forward(y);
            y.close();
            writeEdges(x, out, 2, rowConv);
            writeEdges(x, out, 3, colConv);
            return out;
        });
    }

    /**
     * Writes the border rows ({@code axis} 2) or columns (3) of {@code out}: the conv of the upsampled map's two edge
     * rows (columns) beside a zero row (column), as the conv pads, with {@code edgeConv} (unpadded along that axis),
     * one output row (column) for each edge; both edges in one call.
     */
    private static void writeEdges(NDArray x, NDArray out, int axis, Conv2d edgeConv) {
        long b = x.getShape().get(0);
        String lead = axis == 2 ? ":, :, " : ":, :, :, ";
        NDArray up = Interpolate.bilinearScale(
                NDArrays.concat(new NDList(x.get(lead + ":2"), x.get(lead + "-2:")), 0), 2, 2, false);
        NDArray first = up.get(":{}", b);
        NDArray last = up.get("{}:", b);
        NDArray zero = first.get(lead + ":1").zerosLike();
        NDArray edges = edgeConv.forward(NDArrays.concat(new NDList(
                NDArrays.concat(new NDList(zero, first.get(lead + ":2")), axis),
                NDArrays.concat(new NDList(last.get(lead + "2:"), zero), axis)), 0));
        out.set(new NDIndex(lead + ":1"), edges.get(":{}", b));
        out.set(new NDIndex(lead + "-1:"), edges.get("{}:", b));
    }
}
