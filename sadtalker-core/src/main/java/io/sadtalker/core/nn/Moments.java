package io.sadtalker.core.nn;

import ai.djl.ndarray.NDArray;

/** Statistics shared by the instance and group norms (PyTorch's training-mode batch-norm transform). */
final class Moments {
    private Moments() {
    }

    /**
     * For {@code x} of shape (N, G, M): per (n, g) mean and biased variance over the last axis, and returns
     * {@code alpha = invstd * weight} and {@code beta = bias - mean * alpha} broadcastable to (N, G, M), so that
     * the normalised result is {@code x * alpha + beta}. {@code weight}/{@code bias} (G) may be null (1 / 0).
     */
    static NDArray[] alphaBeta(NDArray x, float eps, NDArray weight, NDArray bias, long groups) {
        NDArray mean = x.mean(new int[] {2}, true);
        NDArray centered = x.sub(mean);
        NDArray var = centered.mul(centered).mean(new int[] {2}, true);
        NDArray alpha = var.add(eps).sqrt().pow(-1);
        if (weight != null) {
            alpha = alpha.mul(weight.reshape(1, groups, 1));
        }
        NDArray beta = mean.mul(alpha).neg();
        if (bias != null) {
            beta = beta.add(bias.reshape(1, groups, 1));
        }
        return new NDArray[] {alpha, beta};
    }
}
