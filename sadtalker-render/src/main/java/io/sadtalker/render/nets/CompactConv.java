package io.sadtalker.render.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * A 3x3 convolution (padding 1) of a map with the phase structure of an {@link UpsampledConv} output at
 * {@code f >= 4} (the same values at all phases of one class), given in compact form: full pixel {@code f*q + p} is
 * compact pixel {@code n*q + class(p)}. Output phase {@code p} reads full pixels {@code f*q + p + k - 1}; the taps
 * that land on one compact pixel are summed (k1 + k2 for phase 1, k0 + k1 for phase f-2 when f = 4), so each output
 * phase is a stride-n valid convolution of the zero-padded compact map with a 2- or 3-tap kernel per axis, and the
 * phase outputs are interleaved into the (f*h, f*w) result. Exact up to float rounding, with 6.25 / 9 of the
 * multiply-adds of the convolution of the full map at f = 4.
 */
final class CompactConv {
    private final int factor;
    private final ConvLayer[] convs;
    private final int[] start;

    private CompactConv(int factor, ConvLayer[] convs, int[] start) {
        this.factor = factor;
        this.convs = convs;
        this.start = start;
    }

    /** {@code conv} (3x3, stride 1, padding 1) on the output structure of {@code structure}. */
    static CompactConv of(ConvLayer conv, UpsampledConv structure) {
        int f = structure.factor();
        int[] phaseClass = structure.phaseClass();
        int n = 0;
        for (int c : phaseClass) {
            n = Math.max(n, c + 1);
        }
        int[] start = new int[f];
        NDArray[] combine = new NDArray[f];
        NDArray w = conv.weight().toType(DataType.FLOAT64, false);
        for (int p = 0; p < f; p++) {
            int[] pos = new int[3];
            for (int k = 0; k < 3; k++) {
                pos[k] = n * Math.floorDiv(p + k - 1, f) + phaseClass[Math.floorMod(p + k - 1, f)];
            }
            int lo = Math.min(pos[0], Math.min(pos[1], pos[2]));
            int extent = Math.max(pos[0], Math.max(pos[1], pos[2])) - lo + 1;
            double[] a = new double[extent * 3];
            for (int k = 0; k < 3; k++) {
                a[(pos[k] - lo) * 3 + k] += 1;
            }
            combine[p] = w.getManager().create(a).reshape(extent, 3);
            start[p] = lo + 1; // in the compact map padded by 1
        }
        ConvLayer[] convs = new ConvLayer[f * f];
        for (int py = 0; py < f; py++) {
            for (int px = 0; px < f; px++) {
                NDArray kernel = combine[py].matMul(w).matMul(combine[px].transpose()).toType(DataType.FLOAT32, false);
                convs[py * f + px] = new ConvLayer(kernel, conv.bias(), n, 0, 1, 1);
            }
        }
        return new CompactConv(f, convs, start);
    }

    /**
     * Pads a compact map (B, C, n*h, n*w) by one zero pixel on each side, the input {@link #forward} expects (the
     * padding of the full map).
     */
    static NDArray pad(NDArray compact) {
        return compact.pad(new Shape(1, 1, 1, 1), 0);
    }

    /** The full-resolution output (B, C_out, f*h, f*w) for the padded compact map (B, C, n*h + 2, n*w + 2). */
    NDArray forward(NDArray padded, long h, long w) {
        NDList phases = new NDList();
        for (int py = 0; py < factor; py++) {
            for (int px = 0; px < factor; px++) {
                NDArray in = padded.get(new NDIndex(":, :, {}:, {}:", start[py], start[px]));
                phases.add(convs[py * factor + px].forward(in).get(new NDIndex(":, :, :{}, :{}", h, w)));
            }
        }
        return UpsampledConv.interleave(phases, factor);
    }
}
