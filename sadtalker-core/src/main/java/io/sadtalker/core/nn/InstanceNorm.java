package io.sadtalker.core.nn;

import ai.djl.ndarray.NDArray;
import io.sadtalker.core.CheckpointException;
import io.sadtalker.core.weights.Weights;

/**
 * {@code torch.nn.InstanceNorm1d/2d/3d} without running statistics (the PyTorch default): each (sample,
 * channel) is normalised over its spatial axes with the biased variance, then optionally scaled and shifted
 * per channel (keys {@code weight}, {@code bias} when affine).
 */
public final class InstanceNorm {
    private final NDArray weight;
    private final NDArray bias;
    private final float eps;

    private InstanceNorm(NDArray weight, NDArray bias, float eps) {
        this.weight = weight;
        this.bias = bias;
        this.eps = eps;
    }

    /** Loads an affine instance norm over {@code channels} channels (keys {@code weight}, {@code bias}); shapes checked. */
    public static InstanceNorm load(Weights w, long channels, double eps) {
        return new InstanceNorm(w.get("weight", channels), w.get("bias", channels), (float) eps);
    }

    /** Normalises {@code x} (N, C, spatial...) and applies the affine parameters. */
    public NDArray forward(NDArray x) {
        if (x.getShape().dimension() < 3 || x.getShape().get(1) != weight.getShape().get(0)) {
            throw new IllegalArgumentException("instance_norm expects (N, " + weight.getShape().get(0)
                    + ", spatial...), got shape " + x.getShape());
        }
        return normalize(x, weight, bias, eps);
    }

    /** Instance norm without affine parameters ({@code affine=False}). */
    public static NDArray apply(NDArray x, double eps) {
        if (x.getShape().dimension() < 3) {
            throw new IllegalArgumentException("instance_norm expects (N, C, spatial...), got shape " + x.getShape());
        }
        return normalize(x, null, null, (float) eps);
    }

    private static NDArray normalize(NDArray x, NDArray weight, NDArray bias, float eps) {
        return Scoped.run(() -> {
            long[] s = x.getShape().getShape();
            NDArray normalised = Moments.standardize(x.reshape(s[0], s[1], -1), eps);
            if (weight != null) {
                normalised = normalised.muli(weight.reshape(1, s[1], 1)).addi(bias.reshape(1, s[1], 1));
            }
            return normalised.reshape(x.getShape());
        });
    }
}
