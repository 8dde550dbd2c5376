package io.sadtalker.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

/**
 * Fast paths of bilinear resizing by integer factors with {@code align_corners=False} (GFPGAN's
 * {@code scale_factor=2} and {@code 0.5}), each one grouped convolution with PyTorch's interpolation weights
 * instead of separable gathers. Upsampling: output pixel (k_h*i + r, k_w*j + s) mixes the 3x3 neighbourhood
 * of input pixel (i, j) with fixed weights per phase (r, s); one 3x3 convolution over the edge-replicated
 * input produces all phases as channels and a pixel shuffle interleaves them. Downsampling: every output
 * pixel mixes the same two taps per axis, a strided convolution. Results agree with PyTorch's separable
 * kernel to float rounding (the clamped first row/column sums its two equal taps).
 */
final class BilinearByConvolution {
    private BilinearByConvolution() {
    }

    /**
     * Per-axis phase taps over offsets (-1, 0, +1), or null when the axis' weights are not periodic with
     * period {@code out / in} (then the caller uses the general path).
     */
    static float[][] phaseTaps(long in, long out, long[] i0, long[] i1, float[] l0, float[] l1) {
        if (out % in != 0 || in < 3) {
            return null;
        }
        int k = (int) (out / in);
        float[][] taps = new float[k][];
        for (int r = 0; r < k; r++) {
            int interior = k + r; // output index of phase r at input index 1, away from the clamped edges
            long off = i0[interior] - 1;
            if (off < -1 || off > 0) {
                return null;
            }
            for (long i = 0; i < in; i++) {
                int d = (int) (k * i + r);
                long lo = Math.min(Math.max(i + off, 0), in - 1);
                long hi = Math.min(Math.max(i + off + 1, 0), in - 1);
                boolean clampedStart = i + off < 0;
                boolean sameWeights = l0[d] == l0[interior] && l1[d] == l1[interior];
                boolean sameTaps = i0[d] == lo && (l1[d] == 0f || i1[d] == hi);
                // the clamped start (src < 0 -> weight 1 on x[0]) becomes l0*x[0] + l1*x[0] on replicated edges
                if (!(clampedStart && i0[d] == 0 && l1[d] == 0f) && !(sameWeights && sameTaps)) {
                    return null;
                }
            }
            float[] t = new float[3];
            t[(int) off + 1] += l0[interior];
            t[(int) off + 2] += l1[interior];
            taps[r] = t;
        }
        return taps;
    }

    /**
     * Taps for downsampling by {@code k = in / out}: output d reads input {@code k*d + t} with weight
     * {@code taps[t]}; null when the axis' weights are not of that form.
     */
    static float[] strideTaps(long in, long out, long[] i0, long[] i1, float[] l0, float[] l1) {
        if (in % out != 0 || in == out) {
            return null;
        }
        long k = in / out;
        long off = i0[0];
        for (int d = 0; d < out; d++) {
            boolean sameTaps = i0[d] == k * d + off && (l1[d] == 0f || i1[d] == i0[d] + 1);
            if (!sameTaps || l0[d] != l0[0] || l1[d] != l1[0]) {
                return null;
            }
        }
        int len = (int) off + (l1[0] == 0f ? 1 : 2);
        if (len > k + 1) {
            return null;
        }
        float[] taps = new float[len];
        taps[(int) off] = l0[0];
        if (l1[0] != 0f) {
            taps[(int) off + 1] = l1[0];
        }
        return taps;
    }

    /** Downsamples (N, C, H, W) by the integer factors (kh, kw) with the taps of each axis. */
    static NDArray downsample(NDArray x, float[] tapsH, float[] tapsW, long kh, long kw) {
        long c = x.getShape().get(1);
        float[] kernel = new float[(int) (c * tapsH.length * tapsW.length)];
        int plane = tapsH.length * tapsW.length;
        for (int a = 0; a < tapsH.length; a++) {
            for (int b = 0; b < tapsW.length; b++) {
                float v = tapsH[a] * tapsW[b];
                for (long ch = 0; ch < c; ch++) {
                    kernel[(int) (ch * plane + a * tapsW.length + b)] = v;
                }
            }
        }
        NDArray weight = x.getManager().create(kernel, new Shape(c, 1, tapsH.length, tapsW.length));
        return ai.djl.nn.convolutional.Conv2d.conv2d(x, weight, null, new Shape(kh, kw), new Shape(0, 0),
                new Shape(1, 1), (int) c).singletonOrThrow();
    }

    /** Upsamples (N, C, H, W) with the phase taps of each axis (see {@link #phaseTaps}). */
    static NDArray upsample(NDArray x, float[][] tapsH, float[][] tapsW) {
        long[] s = x.getShape().getShape();
        long n = s[0];
        long c = s[1];
        int kh = tapsH.length;
        int kw = tapsW.length;
        int phases = kh * kw;
        float[] kernel = new float[(int) (c * phases * 9)];
        for (int r = 0; r < kh; r++) {
            for (int q = 0; q < kw; q++) {
                for (int a = 0; a < 3; a++) {
                    for (int b = 0; b < 3; b++) {
                        float v = tapsH[r][a] * tapsW[q][b];
                        for (long ch = 0; ch < c; ch++) {
                            kernel[(int) (((ch * phases) + r * kw + q) * 9 + a * 3 + b)] = v;
                        }
                    }
                }
            }
        }
        NDArray weight = x.getManager().create(kernel, new Shape(c * phases, 1, 3, 3));
        NDArray padded = replicatePad(replicatePad(x, 3), 2);
        NDArray y = ai.djl.nn.convolutional.Conv2d.conv2d(padded, weight, null, new Shape(1, 1), new Shape(0, 0),
                new Shape(1, 1), (int) c).singletonOrThrow();
        return y.reshape(n, c, kh, kw, s[2], s[3]).transpose(0, 1, 4, 2, 5, 3).reshape(n, c, s[2] * kh, s[3] * kw);
    }

    private static NDArray replicatePad(NDArray x, int axis) {
        long size = x.getShape().get(axis);
        return NDArrays.concat(new NDList(AxisSelect.slice(x, axis, 0, 1, 1), x,
                AxisSelect.slice(x, axis, size - 1, size, 1)), axis);
    }
}
