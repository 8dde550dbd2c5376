package io.sadtalker.core.nn;

import ai.djl.ndarray.NDArray;
import io.sadtalker.core.CheckpointException;
import io.sadtalker.core.weights.Weights;

/**
 * {@code torch.nn.GroupNorm}: channels split into groups, each (sample, group) normalised over its channels
 * and spatial axes (biased variance), then a per-channel affine transform (keys {@code weight}, {@code bias}).
 */
public final class GroupNorm {
    private final int groups;
    private final NDArray weight;
    private final NDArray bias;
    private final float eps;

    private GroupNorm(int groups, NDArray weight, NDArray bias, float eps) {
        this.groups = groups;
        this.weight = weight;
        this.bias = bias;
        this.eps = eps;
    }

    /** Loads an affine group norm of {@code channels} channels in {@code groups} groups; shapes checked. */
    public static GroupNorm load(Weights w, int groups, long channels, double eps) {
        if (groups < 1 || channels % groups != 0) {
            throw new IllegalArgumentException(channels + " channels not divisible into " + groups + " groups");
        }
        return new GroupNorm(groups, w.get("weight", channels), w.get("bias", channels), (float) eps);
    }

    /** Normalises {@code x} (N, C, ...). */
    public NDArray forward(NDArray x) {
        long c = weight.getShape().get(0);
        if (x.getShape().dimension() < 2 || x.getShape().get(1) != c) {
            throw new IllegalArgumentException("group_norm expects (N, " + c + ", ...), got shape " + x.getShape());
        }
        return Scoped.run(() -> {
            long n = x.getShape().get(0);
            NDArray normalised = Moments.standardize(x.reshape(n, groups, -1), eps).reshape(n, c, -1);
            return normalised.muli(weight.reshape(1, c, 1)).addi(bias.reshape(1, c, 1)).reshape(x.getShape());
        });
    }
}
