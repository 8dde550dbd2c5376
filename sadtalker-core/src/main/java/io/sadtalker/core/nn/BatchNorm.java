package io.sadtalker.core.nn;

import ai.djl.ndarray.NDArray;
import io.sadtalker.core.CheckpointException;
import io.sadtalker.core.weights.Weights;

/**
 * {@code torch.nn.BatchNorm1d/2d/3d} (and SyncBatchNorm) in inference mode: normalises axis 1 of an (N, C),
 * (N, C, L), (N, C, H, W) or (N, C, D, H, W) input with the running statistics. Keys {@code running_mean},
 * {@code running_var}, optional {@code weight}/{@code bias} (affine) and {@code num_batches_tracked} (skipped).
 */
public final class BatchNorm {
    final NDArray runningMean;
    final NDArray runningVar;
    final NDArray weight;
    final NDArray bias;
    final double eps;

    private BatchNorm(NDArray runningMean, NDArray runningVar, NDArray weight, NDArray bias, double eps) {
        this.runningMean = runningMean;
        this.runningVar = runningVar;
        this.weight = weight;
        this.bias = bias;
        this.eps = eps;
    }

    /**
     * Loads an affine batch norm over {@code channels} channels: {@code running_mean}, {@code running_var},
     * {@code weight}, {@code bias}, each checked to be {@code (channels)}; {@code eps} as the module's (1e-5).
     */
    public static BatchNorm load(Weights w, long channels, double eps) {
        NDArray mean = w.get("running_mean", channels);
        NDArray var = w.get("running_var", channels);
        NDArray weight = w.get("weight", channels);
        NDArray bias = w.get("bias", channels);
        if (w.contains("num_batches_tracked")) {
            w.skip("num_batches_tracked");
        }
        return new BatchNorm(mean, var, weight, bias, eps);
    }

    /** The number of channels. */
    public long channels() {
        return runningMean.getShape().get(0);
    }

    /** Frees the statistics and affine parameters (after they were folded into a convolution). */
    void close() {
        runningMean.close();
        runningVar.close();
        weight.close();
        bias.close();
    }

    /** Normalises {@code x} along axis 1. */
    public NDArray forward(NDArray x) {
        Geometry.requireRank("batch_norm", x, 2, 3, 4, 5);
        if (x.getShape().get(1) != runningMean.getShape().get(0)) {
            throw new IllegalArgumentException("batch_norm expects " + runningMean.getShape().get(0)
                    + " channels, got shape " + x.getShape());
        }
        return ai.djl.nn.norm.BatchNorm.batchNorm(x, runningMean, runningVar, weight, bias, 1, 0.1f, (float) eps, false)
                .singletonOrThrow();
    }
}
