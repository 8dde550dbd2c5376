package io.sadtalker.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A 3x3 (or 3x3x3) convolution (padding 1) of a map nearest-upsampled in its last two dimensions,
 * {@code conv(interpolate(x, scale_factor=f))} (or {@code (1, f, f)} for a volume), evaluated on the low-resolution
 * map: output pixel {@code f*q + p} only reads low-res pixels {@code q + floor((p + k - 1) / f)},
 * so each output phase {@code p} is a small convolution of {@code x} with the 3x3 kernel taps summed per low-res
 * offset (2 taps for the edge phases, 1 for the inner ones when f = 4). Phases with the same offsets share one
 * convolution; each phase output is written once, straight into its strided place in the (f*h, f*w) result. Exact
 * up to float rounding, and 2.25x (f = 2) to 5.8x (f = 4) fewer multiply-adds than convolving the upsampled map.
 * The {@link #reflected} form is the unpadded conv of the upsampled map reflection-padded by 1
 * ({@code ReflectionPad2d(1)}): for f >= 2 the mirrored border rows and columns repeat the edge pixels of the
 * low-res map, so it is the same phase convolutions, unpadded, of the low-res map edge-padded by 1.
 */
public final class UpsampledConv implements Convolution {
    private final int factor;
    private final ConvCore[] convs;
    private final int[] phaseClass;
    private final int[] classLo;
    private final boolean reflected;

    private UpsampledConv(int factor, ConvCore[] convs, int[] phaseClass, int[] classLo, boolean reflected) {
        this.reflected = reflected;
        this.factor = factor;
        this.convs = convs;
        this.phaseClass = phaseClass;
        this.classLo = classLo;
    }

    /**
     * The phase decomposition of {@code conv} (3x3 or 3x3x3, stride 1, padding 1) for upsampling factor
     * {@code factor} in height and width.
     */
    public static UpsampledConv of(ConvNd<?> conv, int factor) {
        long[] shape = conv.weight().getShape().getShape();
        boolean fits = (shape.length == 4 || shape.length == 5) && conv.core().isPlain(1);
        for (int i = 2; i < shape.length; i++) {
            fits &= shape[i] == 3;
        }
        if (!fits) {
            throw new IllegalArgumentException("the phase decomposition needs a plain 3x3 (or 3x3x3) conv with"
                    + " padding 1, got " + conv.weight().getShape());
        }
        if (factor < 1) {
            throw new IllegalArgumentException("upsampling factor must be >= 1, got " + factor);
        }
        return decompose(conv, factor, false);
    }

    /**
     * The phase decomposition of {@code conv(reflection_pad1(nearest_upsample(x, factor)))}, for {@code conv} a
     * plain 3x3 conv without padding and {@code factor} >= 2.
     */
    public static UpsampledConv reflected(Conv2d conv, int factor) {
        Shape s = conv.weight().getShape();
        if (s.get(2) != 3 || s.get(3) != 3 || !conv.core().isPlain(0)) {
            throw new IllegalArgumentException("the reflected phase decomposition needs a plain 3x3 conv without"
                    + " padding, got " + s);
        }
        if (factor < 2) {
            throw new IllegalArgumentException("the reflected phase decomposition needs a factor >= 2, got " + factor);
        }
        return decompose(conv, factor, true);
    }

    private static UpsampledConv decompose(ConvNd<?> conv, int factor, boolean reflected) {
        // 1-D: offsets (one per kernel tap) of every phase; equal offset patterns form one class
        Map<String, Integer> classes = new LinkedHashMap<>();
        List<int[]> classOffsets = new ArrayList<>();
        int[] phaseClass = new int[factor];
        for (int p = 0; p < factor; p++) {
            int[] offsets = new int[3];
            for (int k = 0; k < 3; k++) {
                offsets[k] = Math.floorDiv(p + k - 1, factor);
            }
            String key = java.util.Arrays.toString(offsets);
            Integer id = classes.get(key);
            if (id == null) {
                id = classes.size();
                classes.put(key, id);
                classOffsets.add(offsets);
            }
            phaseClass[p] = id;
        }
        int n = classOffsets.size();
        int[] lo = new int[n];
        NDArray[] combine = new NDArray[n];
        NDArray w = conv.weight().toType(DataType.FLOAT64, false);
        for (int c = 0; c < n; c++) {
            int[] offsets = classOffsets.get(c);
            lo[c] = Math.min(offsets[0], offsets[2]);
            int extent = Math.max(offsets[0], offsets[2]) - lo[c] + 1;
            double[] a = new double[extent * 3];
            for (int k = 0; k < 3; k++) {
                a[(offsets[k] - lo[c]) * 3 + k] = 1;
            }
            combine[c] = w.getManager().create(a).reshape(extent, 3);
        }
        ConvCore[] convs = new ConvCore[n * n];
        for (int cy = 0; cy < n; cy++) {
            for (int cx = 0; cx < n; cx++) {
                NDArray kernel = combine[cy].matMul(w).matMul(combine[cx].transpose()).toType(DataType.FLOAT32, false);
                convs[cy * n + cx] = ConvCore.plain(kernel, conv.bias(), reflected ? 0 : 1);
            }
        }
        return new UpsampledConv(factor, convs, phaseClass, lo, reflected);
    }

    /**
     * {@code conv(nearest_upsample(x, f))} for {@code x} (B, C, h, w): (B, C_out, f*h, f*w); or for a volume
     * (B, C, d, h, w): (B, C_out, d, f*h, f*w).
     */
    @Override
    public NDArray forward(NDArray x) {
        return Scoped.run(() -> interleavedPhases(x));
    }

    private NDArray interleavedPhases(NDArray low) {
        long[] s = low.getShape().getShape();
        // an edge-padded map read without padding indexes as the map read with padding 1
        NDArray x = reflected ? edgePad1(low) : low;
        int rank = s.length;
        long h = s[rank - 2];
        long w = s[rank - 1];
        String depth = rank == 5 ? ":, " : "";
        int n = classLo.length;
        NDArray[] classOut = new NDArray[n * n];
        long[] outShape = java.util.Arrays.copyOf(s, rank);
        outShape[1] = convs[0].weight.getShape().get(0);
        outShape[rank - 2] = h * factor;
        outShape[rank - 1] = w * factor;
        NDArray out = x.getManager().create(new Shape(outShape), x.getDataType());
        for (int py = 0; py < factor; py++) {
            for (int px = 0; px < factor; px++) {
                int cy = phaseClass[py];
                int cx = phaseClass[px];
                int id = cy * n + cx;
                if (classOut[id] == null) {
                    // padding 1 then a valid window: output row q of the slice reads rows q + lo ..
                    long y0 = classLo[cy] + 1;
                    long x0 = classLo[cx] + 1;
                    classOut[id] = convs[id].forward(x)
                            .get(new NDIndex(":, :, " + depth + "{}:{}, {}:{}", y0, y0 + h, x0, x0 + w));
                }
                // each phase written once, straight into its strided place in the interleaved result
                out.set(new NDIndex(":, :, " + depth + "{}::{}, {}::{}", py, factor, px, factor), classOut[id]);
            }
        }
        return out;
    }

    /** {@code x} (B, C, h, w) with its edge rows, then columns, repeated once on each side: (B, C, h + 2, w + 2). */
    static NDArray edgePad1(NDArray x) {
        NDArray rows = x.get(":, :, :1").concat(x, 2).concat(x.get(":, :, -1:"), 2);
        return rows.get(":, :, :, :1").concat(rows, 3).concat(rows.get(":, :, :, -1:"), 3);
    }
}
