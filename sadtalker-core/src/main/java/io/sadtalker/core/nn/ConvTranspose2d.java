package io.sadtalker.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.sadtalker.core.CheckpointException;
import io.sadtalker.core.weights.Weights;

/**
 * {@code torch.nn.ConvTranspose2d}, weight {@code (in, out/groups, kh, kw)} and optional bias. DJL's PyTorch
 * engine has no deconvolution, so this is the exact equivalent convolution: zeros inserted between input
 * pixels for the stride, zero padding {@code dilation*(k-1)-padding} (plus output padding at the end; negative
 * values crop), and a stride-1 convolution with the kernel flipped spatially and in/out channels swapped per
 * group. Output size {@code (H-1)*stride - 2*padding + dilation*(k-1) + outputPadding + 1}. Immutable.
 */
public final class ConvTranspose2d {
    private final NDArray weight;
    private final NDArray bias;
    private final NDArray flipped;
    private final long[] stride;
    private final long[] padding;
    private final long[] outputPadding;
    private final long[] dilation;
    private final int groups;

    private ConvTranspose2d(NDArray weight, NDArray bias, long[] stride, long[] padding, long[] outputPadding,
            long[] dilation, int groups) {
        Geometry.tuple("stride", stride, 2, 1);
        Geometry.tuple("padding", padding, 2, 0);
        Geometry.tuple("output padding", outputPadding, 2, 0);
        Geometry.tuple("dilation", dilation, 2, 1);
        for (int i = 0; i < 2; i++) {
            if (outputPadding[i] >= stride[i] && outputPadding[i] >= dilation[i]) {
                throw new IllegalArgumentException("output padding must be smaller than stride or dilation");
            }
        }
        long[] s = weight.getShape().getShape();
        if (s.length != 4 || groups < 1 || s[0] % groups != 0) {
            throw new IllegalArgumentException("conv_transpose2d weight (in, out/groups, kh, kw) with in divisible by "
                    + "groups=" + groups + " expected, got " + weight.getShape());
        }
        this.weight = weight;
        this.bias = bias;
        this.stride = stride.clone();
        this.padding = padding.clone();
        this.outputPadding = outputPadding.clone();
        this.dilation = dilation.clone();
        this.groups = groups;
        long inPerGroup = s[0] / groups;
        long outPerGroup = s[1];
        this.flipped = Scoped.run(() -> weight.reshape(groups, inPerGroup, outPerGroup, s[2], s[3])
                .transpose(0, 2, 1, 3, 4)
                .reshape(groups * outPerGroup, inPerGroup, s[2], s[3])
                .flip(2, 3)
                .duplicate());
    }

    /**
     * Loads a layer of {@code in} to {@code out} channels with a square {@code kernel}: {@code weight}
     * {@code (in, out/groups, k, k)} and, when {@code cfg.bias()}, {@code bias} {@code (out)}, shapes checked;
     * {@code outputPadding} on both axes.
     */
    public static ConvTranspose2d load(Weights w, int in, int out, int kernel, ConvConfig cfg, int outputPadding) {
        return load(w, in, out, new long[] {kernel}, cfg, outputPadding);
    }

    /** As {@link #load(Weights, int, int, int, ConvConfig, int)} with one kernel size per axis, e.g. (2, 1). */
    public static ConvTranspose2d load(Weights w, int in, int out, long[] kernel, ConvConfig cfg, int outputPadding) {
        int groups = cfg.groups();
        if (in % groups != 0 || out % groups != 0) {
            throw new IllegalArgumentException("conv_transpose2d " + in + " -> " + out
                    + " channels must be divisible by groups=" + groups);
        }
        long[] k = ConvConfig.perAxis("kernel", kernel, 2);
        NDArray weight = w.get("weight", in, out / groups, k[0], k[1]);
        NDArray bias = cfg.bias() ? w.get("bias", out) : null;
        return of(weight, bias, ConvConfig.perAxis("stride", cfg.stride(), 2),
                ConvConfig.perAxis("padding", cfg.padding(), 2), ConvCore.fill(2, outputPadding),
                ConvConfig.perAxis("dilation", cfg.dilation(), 2), groups);
    }

    /** A transposed convolution over given arrays ({@code bias} may be null), per-axis geometry (2 values each). */
    public static ConvTranspose2d of(NDArray weight, NDArray bias, long[] stride, long[] padding, long[] outputPadding,
            long[] dilation, int groups) {
        return new ConvTranspose2d(weight, bias, stride, padding, outputPadding, dilation, groups);
    }

    /** Applies the transposed convolution to {@code x} (N, in, H, W). */
    public NDArray forward(NDArray x) {
        Geometry.requireRank("conv_transpose2d", x, 4);
        if (x.getShape().get(1) != weight.getShape().get(0)) {
            throw new IllegalArgumentException("conv_transpose2d expects " + weight.getShape().get(0)
                    + " input channels, got shape " + x.getShape());
        }
        return Scoped.run(() -> {
            long[] s = x.getShape().getShape();
            long n = s[0];
            long c = s[1];
            long h = s[2];
            long w = s[3];
            NDArray up = x;
            if (stride[0] > 1 || stride[1] > 1) {
                // (N,C,H,1,W,1) padded to (N,C,H,sh,W,sw): each pixel followed by stride-1 zeros on both axes
                up = x.reshape(n, c, h, 1, w, 1)
                        .pad(new Shape(0, stride[1] - 1, 0, 0, 0, stride[0] - 1), 0)
                        .reshape(n, c, h * stride[0], w * stride[1]);
            }
            long[] k = {weight.getShape().get(2), weight.getShape().get(3)};
            long[] before = new long[2];
            long[] after = new long[2];
            for (int i = 0; i < 2; i++) {
                before[i] = dilation[i] * (k[i] - 1) - padding[i];
                // the zero insertion above left stride-1 trailing zeros already
                after[i] = before[i] + outputPadding[i] - (stride[i] - 1);
            }
            NDArray padded = padOrCrop(up, before, after);
            return ai.djl.nn.convolutional.Conv2d.conv2d(padded, flipped, bias, new Shape(1, 1), new Shape(0, 0),
                    new Shape(dilation), groups).singletonOrThrow();
        });
    }

    /** Zero pads (positive) or crops (negative) the two spatial axes of {@code x}. */
    private static NDArray padOrCrop(NDArray x, long[] before, long[] after) {
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        long top = Math.max(0, -before[0]);
        long bottom = h - Math.max(0, -after[0]);
        long left = Math.max(0, -before[1]);
        long right = w - Math.max(0, -after[1]);
        if (top >= bottom || left >= right) {
            throw new IllegalArgumentException("conv_transpose2d input too small for its padding: " + x.getShape());
        }
        NDArray cropped = x;
        if (top > 0 || bottom < h || left > 0 || right < w) {
            cropped = x.get(":, :, " + top + ":" + bottom + ", " + left + ":" + right);
        }
        long[] pad = {Math.max(0, before[1]), Math.max(0, after[1]), Math.max(0, before[0]), Math.max(0, after[0])};
        if (pad[0] == 0 && pad[1] == 0 && pad[2] == 0 && pad[3] == 0) {
            return cropped;
        }
        return cropped.pad(new Shape(pad), 0);
    }

    /** The weight {@code (in, out/groups, kh, kw)}. */
    public NDArray weight() {
        return weight;
    }

    /** The bias {@code (out)}, or null. */
    public NDArray bias() {
        return bias;
    }
}
