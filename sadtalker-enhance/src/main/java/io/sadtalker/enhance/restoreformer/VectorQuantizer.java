package io.sadtalker.enhance.restoreformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import io.sadtalker.core.weights.Weights;

/**
 * The VQ-VAE {@code VectorQuantizer} at inference: every latent vector is replaced by its nearest codebook entry
 * by squared distance {@code |z|^2 + |e|^2 - 2 z.e} (argmin, the first index on ties), selected with a one-hot
 * matmul and returned as {@code z + (z_q - z)} as the original does (straight-through form, same rounding).
 */
final class VectorQuantizer {
    private final NDArray embedding;

    private VectorQuantizer(NDArray embedding) {
        this.embedding = embedding;
    }

    static VectorQuantizer load(Weights w, int nEmbed, int embedDim) {
        return new VectorQuantizer(w.prefix("embedding").get("weight", nEmbed, embedDim));
    }

    /** z (b, e_dim, h, w) -> [z_q (b, e_dim, h, w), indices (b*h*w) int64 in (b, h, w) order]. */
    NDList forward(NDArray z) {
        long nEmbed = embedding.getShape().get(0);
        long eDim = embedding.getShape().get(1);
        NDArray zhwc = z.transpose(0, 2, 3, 1);
        Shape hwc = zhwc.getShape();
        NDArray flat = zhwc.reshape(-1, eDim);
        NDArray d = flat.pow(2).sum(new int[] {1}, true)
                .add(embedding.pow(2).sum(new int[] {1}))
                .sub(flat.matMul(embedding.transpose()).mul(2));
        NDArray indices = d.argMin(1);
        NDArray zq = indices.oneHot((int) nEmbed).toType(z.getDataType(), false).matMul(embedding).reshape(hwc);
        zq = zhwc.add(zq.sub(zhwc));
        return new NDList(zq.transpose(0, 3, 1, 2), indices);
    }
}
