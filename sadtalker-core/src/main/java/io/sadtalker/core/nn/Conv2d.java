package io.sadtalker.core.nn;

import ai.djl.ndarray.NDArray;
import io.sadtalker.core.CheckpointException;
import io.sadtalker.core.weights.Weights;

/**
 * {@code torch.nn.Conv2d}: input (N, C, H, W), weight {@code (out, in/groups, k...)} with keys {@code weight} and
 * optional {@code bias}; padding is zeros. Immutable.
 */
public final class Conv2d extends ConvNd {
    private Conv2d(ConvCore core) {
        super(core);
    }

    /** Loads {@code weight} and optional {@code bias}; the same stride and padding on every axis. */
    public static Conv2d load(Weights w, int stride, int padding) {
        return load(w, stride, padding, 1, 1);
    }

    /** Loads {@code weight} and optional {@code bias}; the same stride, padding and dilation on every axis. */
    public static Conv2d load(Weights w, int stride, int padding, int dilation, int groups) {
        return load(w, ConvCore.fill(2, stride), ConvCore.fill(2, padding), ConvCore.fill(2, dilation), groups);
    }

    /** Loads {@code weight} and optional {@code bias}; per-axis stride, padding and dilation (2 values each). */
    public static Conv2d load(Weights w, long[] stride, long[] padding, long[] dilation, int groups) {
        return new Conv2d(ConvCore.load(w, 2, stride, padding, dilation, groups));
    }

    /** Loads a spectral-normalised convolution (eval mode, see {@link SpectralNorm}); stride and padding per axis. */
    public static Conv2d loadSpectral(Weights w, int stride, int padding) {
        return loadSpectral(w, stride, padding, 1, 1);
    }

    /**
     * Loads a spectral-normalised convolution (eval mode): keys {@code weight_orig}, {@code weight_u},
     * {@code weight_v} and optional {@code bias}; the effective weight is resolved once here.
     */
    public static Conv2d loadSpectral(Weights w, int stride, int padding, int dilation, int groups) {
        NDArray weight = SpectralNorm.weight(w);
        long[] shape = weight.getShape().getShape();
        if (shape.length != 4) {
            throw new CheckpointException("'" + w.path() + "weight_orig' has shape "
                    + weight.getShape() + ", expected a conv2d weight (out, in/groups, kh, kw)");
        }
        NDArray bias = w.contains("bias") ? w.get("bias", shape[0]) : null;
        return of(weight, bias, ConvCore.fill(2, stride), ConvCore.fill(2, padding), ConvCore.fill(2, dilation),
                groups);
    }

    /** A convolution over given arrays ({@code bias} may be null); per-axis stride, padding and dilation. */
    public static Conv2d of(NDArray weight, NDArray bias, long[] stride, long[] padding, long[] dilation, int groups) {
        return new Conv2d(new ConvCore(2, weight, bias, stride, padding, dilation, groups));
    }
}
