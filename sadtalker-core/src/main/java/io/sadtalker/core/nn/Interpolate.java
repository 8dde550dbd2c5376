package io.sadtalker.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * {@code F.interpolate} for NC + spatial tensors (DJL's own interpolation applies antialiasing / ignores
 * align_corners). Source indices and weights follow PyTorch's CPU kernels in float32: nearest
 * {@code src = min(floor(dst * scale), in - 1)}; linear modes
 * {@code src = align_corners ? dst * (in-1)/(out-1) : max(scale * (dst + 0.5) - 0.5, 0)}, with
 * {@code scale = 1/scale_factor} when a scale factor is given and {@code in/out} otherwise. Applied separably,
 * innermost axis first as PyTorch nests them, each axis by strided slices, repeats or gathers; bilinear
 * resizing by integer factors with {@code align_corners=False} (GFPGAN's {@code scale_factor=2} and {@code 0.5})
 * and nearest 2-D upsampling by integer factors run as one libtorch kernel instead: interpolate up, average pool
 * down.
 */
public final class Interpolate {
    /** libtorch's interpolate mode numbers in DJL's JNI. */
    private static final int NEAREST_MODE = 0;
    private static final int BILINEAR_MODE = 2;

    private Interpolate() {
    }

    /** {@code mode='nearest'} to the given spatial size (one value per spatial axis). */
    public static NDArray nearest(NDArray x, long... outSize) {
        return resample(x, outSize, null, false, true);
    }

    /** {@code mode='nearest'} with {@code scale_factor} (one per spatial axis): size {@code floor(in * factor)}. */
    public static NDArray nearestScale(NDArray x, double... scaleFactors) {
        return resample(x, scaledSize(x, scaleFactors), scaleFactors, false, true);
    }

    /** {@code mode='bilinear'} to (h, w). */
    public static NDArray bilinear(NDArray x, long h, long w, boolean alignCorners) {
        Geometry.requireRank("bilinear interpolation", x, 4);
        return resample(x, new long[] {h, w}, null, alignCorners, false);
    }

    /** {@code mode='bilinear'} with {@code scale_factor=(sh, sw)}. */
    public static NDArray bilinearScale(NDArray x, double sh, double sw, boolean alignCorners) {
        Geometry.requireRank("bilinear interpolation", x, 4);
        double[] factors = {sh, sw};
        return resample(x, scaledSize(x, factors), factors, alignCorners, false);
    }

    /** {@code mode='trilinear'} to (d, h, w). */
    public static NDArray trilinear(NDArray x, long d, long h, long w, boolean alignCorners) {
        Geometry.requireRank("trilinear interpolation", x, 5);
        return resample(x, new long[] {d, h, w}, null, alignCorners, false);
    }

    /** {@code mode='trilinear'} with {@code scale_factor=(sd, sh, sw)}. */
    public static NDArray trilinearScale(NDArray x, double sd, double sh, double sw, boolean alignCorners) {
        Geometry.requireRank("trilinear interpolation", x, 5);
        double[] factors = {sd, sh, sw};
        return resample(x, scaledSize(x, factors), factors, alignCorners, false);
    }

    private static long[] scaledSize(NDArray x, double[] factors) {
        int spatial = x.getShape().dimension() - 2;
        if (factors.length != spatial) {
            throw new IllegalArgumentException("need " + spatial + " scale factors for shape " + x.getShape());
        }
        long[] out = new long[spatial];
        for (int i = 0; i < spatial; i++) {
            if (!(factors[i] > 0)) {
                throw new IllegalArgumentException("scale factors must be positive: "
                        + java.util.Arrays.toString(factors));
            }
            out[i] = (long) Math.floor(x.getShape().get(i + 2) * factors[i]);
        }
        return out;
    }

    private static NDArray resample(NDArray x, long[] outSize, double[] factors, boolean alignCorners,
            boolean nearest) {
        int spatial = x.getShape().dimension() - 2;
        if (spatial < 1 || outSize.length != spatial) {
            throw new IllegalArgumentException("interpolate: " + outSize.length + " output sizes for shape "
                    + x.getShape());
        }
        for (long o : outSize) {
            if (o < 1) {
                throw new IllegalArgumentException("interpolate: output size must be positive: "
                        + java.util.Arrays.toString(outSize));
            }
        }
        return Scoped.run(() -> {
            if (!alignCorners && spatial == 2) {
                NDArray fast = integerFactor2d(x, outSize, factors, nearest);
                if (fast != null) {
                    return fast;
                }
            }
            NDArray y = x;
            // innermost axis first: the same nesting as PyTorch's separable kernel (W inside H inside D)
            for (int i = spatial - 1; i >= 0; i--) {
                int axis = i + 2;
                long in = x.getShape().get(axis);
                Double factor = factors == null ? null : factors[i];
                y = nearest ? nearestAxis(y, axis, in, outSize[i], factor)
                        : linearAxis(y, axis, in, outSize[i], factor, alignCorners);
            }
            return y == x ? x.duplicate() : y;
        });
    }

    /**
     * Nearest or bilinear ({@code align_corners=False}) 2-D resizing by integer factors per axis through libtorch's
     * own kernels, or null when the pattern does not apply. Upsampling: libtorch's interpolate (for bilinear DJL
     * always asks it for antialiasing, which changes nothing when no axis shrinks). Bilinear downsampling by k:
     * every output pixel reads the same one or two taps per axis with equal weights (k odd: the pixel
     * {@code k*d + (k-1)/2}; k even: the mean of the two pixels around it), an average pool over the input cut at
     * the first tap.
     */
    private static NDArray integerFactor2d(NDArray x, long[] outSize, double[] factors, boolean nearest) {
        long[] in = {x.getShape().get(2), x.getShape().get(3)};
        boolean up = true;
        boolean down = true;
        for (int i = 0; i < 2; i++) {
            boolean integerUp = outSize[i] % in[i] == 0;
            boolean integerDown = in[i] % outSize[i] == 0;
            double ratio = integerUp ? (double) outSize[i] / in[i] : (double) in[i] / outSize[i];
            boolean sameScale = factors == null || (integerUp ? factors[i] == ratio : factors[i] == 1 / ratio);
            up &= integerUp && sameScale;
            down &= integerDown && sameScale;
        }
        if (outSize[0] == in[0] && outSize[1] == in[1]) {
            return null;
        }
        if (up) {
            return JniUtils.interpolate((PtNDArray) x, outSize, nearest ? NEAREST_MODE : BILINEAR_MODE, false);
        }
        if (!down || nearest) {
            return null;
        }
        long[] first = new long[2];
        long[] taps = new long[2];
        for (int i = 0; i < 2; i++) {
            LinearWeights lw = LinearWeights.of(in[i], outSize[i], factors == null ? null : factors[i], false);
            long k = in[i] / outSize[i];
            first[i] = lw.i0[0];
            taps[i] = lw.l1[0] == 0f ? 1 : 2;
            for (int d = 0; d < outSize[i]; d++) {
                boolean oneTap = lw.l1[d] == 0f && taps[i] == 1;
                boolean twoEqualTaps = lw.l0[d] == 0.5f && lw.l1[d] == 0.5f && lw.i1[d] == lw.i0[d] + 1 && taps[i] == 2;
                if (lw.i0[d] != k * d + first[i] || !(oneTap || twoEqualTaps)) {
                    return null;
                }
            }
        }
        NDArray cut = x.get(new NDIndex(":, :, {}:, {}:", first[0], first[1]));
        NDArray y = Pool.avgPool2d(cut, new Shape(taps[0], taps[1]), new Shape(in[0] / outSize[0], in[1] / outSize[1]),
                new Shape(0, 0), false, true);
        return y.getShape().get(2) == outSize[0] && y.getShape().get(3) == outSize[1] ? y : null;
    }

    /** PyTorch's {@code compute_scales_value}: 1/scale_factor when given, else in/out (float). */
    private static float scale(long in, long out, Double factor) {
        return factor != null ? (float) (1.0 / factor) : (float) in / out;
    }

    private static NDArray nearestAxis(NDArray x, int axis, long in, long out, Double factor) {
        long[] idx = new long[(int) out];
        float scale = scale(in, out, factor);
        for (int d = 0; d < out; d++) {
            if (out == in) {
                idx[d] = d;
            } else if (out == 2 * in) {
                idx[d] = d >> 1;
            } else {
                idx[d] = Math.min((long) Math.floor(d * scale), in - 1);
            }
        }
        boolean[] all = new boolean[(int) out];
        java.util.Arrays.fill(all, true);
        return AxisSelect.select(x, axis, idx, all);
    }

    private static NDArray linearAxis(NDArray x, int axis, long in, long out, Double factor, boolean alignCorners) {
        LinearWeights w = LinearWeights.of(in, out, factor, alignCorners);
        if (w.identity) {
            return x;
        }
        NDArray a = AxisSelect.select(x, axis, w.i0, w.care0);
        NDArray b = AxisSelect.select(x, axis, w.i1, w.care1);
        return a.mul(axisVector(x, axis, w.l0)).add(b.mul(axisVector(x, axis, w.l1)));
    }

    /** PyTorch's linear-interpolation source indices and weights for one axis (float32 arithmetic). */
    private record LinearWeights(long[] i0, long[] i1, float[] l0, float[] l1, boolean[] care0, boolean[] care1,
            boolean identity) {
        static LinearWeights of(long in, long out, Double factor, boolean alignCorners) {
            int n = (int) out;
            long[] i0 = new long[n];
            long[] i1 = new long[n];
            float[] l0 = new float[n];
            float[] l1 = new float[n];
            boolean[] care0 = new boolean[n];
            boolean[] care1 = new boolean[n];
            float scale = alignCorners ? (out > 1 ? (float) (in - 1) / (out - 1) : 0f) : scale(in, out, factor);
            boolean identity = in == out;
            for (int d = 0; d < n; d++) {
                float src = alignCorners ? scale * d : Math.max(scale * (d + 0.5f) - 0.5f, 0f);
                long lo = (long) src;
                i0[d] = lo;
                i1[d] = lo + (lo < in - 1 ? 1 : 0);
                l1[d] = src - lo;
                l0[d] = 1f - l1[d];
                care0[d] = l0[d] != 0f;
                care1[d] = l1[d] != 0f;
                identity &= lo == d && l1[d] == 0f;
            }
            return new LinearWeights(i0, i1, l0, l1, care0, care1, identity);
        }
    }

    private static NDArray axisVector(NDArray x, int axis, float[] values) {
        return x.getManager().create(values, shapeAlong(x, axis, values.length));
    }

    private static Shape shapeAlong(NDArray x, int axis, long n) {
        long[] s = new long[x.getShape().dimension()];
        java.util.Arrays.fill(s, 1);
        s[axis] = n;
        return new Shape(s);
    }
}
