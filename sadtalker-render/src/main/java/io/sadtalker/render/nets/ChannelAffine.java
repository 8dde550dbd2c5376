package io.sadtalker.render.nets;

import ai.djl.ndarray.NDArray;
import io.sadtalker.core.weights.Weights;

/**
 * Inference-mode BatchNorm (SynchronizedBatchNorm2d/3d in the original, eps 1e-5) as the per-channel map
 * {@code x * scale + shift}, {@code scale = gamma / sqrt(var + eps)}, {@code shift = beta - mean * scale}
 * (the form PyTorch's CPU kernel evaluates). Usually folded into the preceding convolution.
 */
record ChannelAffine(NDArray scale, NDArray shift) {
    static final float EPS = 1e-5f;

    static ChannelAffine loadBatchNorm(Weights w) {
        NDArray gamma = w.get("weight");
        long c = gamma.getShape().get(0);
        NDArray beta = w.get("bias", c);
        NDArray mean = w.get("running_mean", c);
        NDArray var = w.get("running_var", c);
        if (w.contains("num_batches_tracked")) {
            w.skip("num_batches_tracked");
        }
        NDArray scale = gamma.div(var.add(EPS).sqrt());
        return new ChannelAffine(scale, beta.sub(mean.mul(scale)));
    }

    /** Applies the map along axis 1 of an NC... tensor. */
    NDArray apply(NDArray x) {
        long[] view = new long[x.getShape().dimension()];
        java.util.Arrays.fill(view, 1);
        view[1] = -1;
        return x.mul(scale.reshape(view)).add(shift.reshape(view));
    }
}
