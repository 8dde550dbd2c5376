package io.sadtalker.core.nn;

import ai.djl.ndarray.NDArray;
import io.sadtalker.core.weights.Weights;

/**
 * {@code torch.nn.utils.spectral_norm} in eval mode (no power iteration): the effective weight is
 * {@code weight_orig / sigma} with {@code sigma = dot(u, weight_orig.reshape(out, -1) @ v)} (dim 0).
 */
public final class SpectralNorm {
    private SpectralNorm() {
    }

    /**
     * Reads {@code weight_orig} (checked to be {@code shape}), {@code weight_u}, {@code weight_v} from {@code w} and
     * returns the resolved weight.
     */
    public static NDArray weight(Weights w, long... shape) {
        return resolve(w, w.get("weight_orig", shape));
    }

    private static NDArray resolve(Weights w, NDArray orig) {
        long out = orig.getShape().get(0);
        long rest = orig.getShape().size() / out;
        NDArray u = w.get("weight_u", out);
        NDArray v = w.get("weight_v", rest);
        NDArray weight = Scoped.run(() -> {
            NDArray wv = orig.reshape(out, rest).matMul(v.reshape(rest, 1)).reshape(out);
            NDArray sigma = u.mul(wv).sum();
            return orig.div(sigma);
        });
        orig.close();
        u.close();
        v.close();
        return weight;
    }
}
