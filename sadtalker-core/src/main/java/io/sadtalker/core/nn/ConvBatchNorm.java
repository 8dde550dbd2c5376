package io.sadtalker.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import io.sadtalker.core.CheckpointException;
import io.sadtalker.core.weights.Weights;
import java.util.Arrays;

/**
 * {@code nn.Conv2d} followed by an inference-mode {@code nn.BatchNorm2d}, folded at load time into one convolution:
 * {@code W' = W * g / sqrt(v + eps)}, {@code b' = beta + (b - mean) * g / sqrt(v + eps)} (computed in float64,
 * stored as float32; {@code b} is 0 for a bias-free conv). One conv pass instead of a conv and a normalisation
 * pass over the output. Immutable; safe for concurrent use.
 */
public final class ConvBatchNorm {
    private final Conv2d conv;

    private ConvBatchNorm(Conv2d conv) {
        this.conv = conv;
    }

    /**
     * Loads {@code conv} ({@code weight}, optional {@code bias}) and the batch norm {@code bn}
     * ({@code running_mean}, {@code running_var}, optional affine {@code weight}/{@code bias};
     * {@code num_batches_tracked} skipped) and folds them; same stride and padding on both axes.
     */
    public static ConvBatchNorm load(Weights conv, Weights bn, int stride, int padding, double eps) {
        return load(conv, bn, stride, padding, eps, null);
    }

    /** As {@link #load(Weights, Weights, int, int, double)}, checking that the conv weight has {@code weightShape}. */
    public static ConvBatchNorm load(Weights conv, Weights bn, int stride, int padding, double eps,
                                     long[] weightShape) {
        long[] shape = conv.info("weight").shape();
        if (shape.length != 4 || (weightShape != null && !Arrays.equals(shape, weightShape))) {
            throw new CheckpointException("shape mismatch for '" + conv.path() + "weight': checkpoint has "
                    + Arrays.toString(shape) + ", network expects "
                    + (weightShape == null ? "a conv2d weight (out, in, kh, kw)" : Arrays.toString(weightShape)));
        }
        long out = shape[0];
        NDArray weight;
        NDArray bias;
        // the checkpoint tensors and float64 temporaries are freed here: only the folded pair is kept
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray mean = f64(bn.get("running_mean", out));
            NDArray std = f64(bn.get("running_var", out)).add(eps).sqrt();
            NDArray scale = (bn.contains("weight") ? f64(bn.get("weight", out)) : std.onesLike()).div(std);
            NDArray shifted = conv.contains("bias") ? f64(conv.get("bias", out)).sub(mean) : mean.neg();
            NDArray shift = shifted.mul(scale);
            if (bn.contains("bias")) {
                shift = shift.add(f64(bn.get("bias", out)));
            }
            weight = f64(conv.get("weight")).mul(scale.reshape(out, 1, 1, 1)).toType(DataType.FLOAT32, false);
            bias = shift.toType(DataType.FLOAT32, false);
            NDScope.unregister(weight, bias);
        }
        if (bn.contains("num_batches_tracked")) {
            bn.skip("num_batches_tracked");
        }
        return new ConvBatchNorm(Conv2d.of(weight, bias, ConvCore.fill(2, stride), ConvCore.fill(2, padding),
                ConvCore.fill(2, 1), 1));
    }

    /** {@code bn(conv(x))}. */
    public NDArray forward(NDArray x) {
        return conv.forward(x);
    }

    /** The folded convolution. */
    public Conv2d conv() {
        return conv;
    }

    private static NDArray f64(NDArray a) {
        return a.toType(DataType.FLOAT64, false);
    }
}
