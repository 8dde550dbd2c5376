package io.sadtalker.audio.coeff;

import io.sadtalker.core.CheckpointException;
import io.sadtalker.core.nn.BatchNorm;
import io.sadtalker.core.nn.Conv2d;
import io.sadtalker.core.nn.ConvTranspose2d;
import io.sadtalker.core.nn.Linear;
import io.sadtalker.core.weights.Weights;
import java.util.Arrays;

/**
 * Shape-checked loaders of the {@code io.sadtalker.core.nn} layers the audio networks use, with the geometry of the
 * original modules (anisotropic strides such as {@code (3, 1)}, {@code (3, 2)}, {@code (2, 1)}).
 */
final class Layers {
    private static final long[] ONE = {1, 1};
    private static final long[] ZERO = {0, 0};

    private Layers() {
    }

    /** {@code nn.Conv2d(in, out, k, stride=(sh, sw), padding=p)} with bias. */
    static Conv2d conv(Weights w, int in, int out, int k, int sh, int sw, int p) {
        return Conv2d.of(w.get("weight", out, in, k, k), w.get("bias", out), new long[] {sh, sw}, new long[] {p, p},
                ONE, 1);
    }

    /** {@code nn.BatchNorm2d(c)} in eval mode (eps 1e-5). */
    static BatchNorm norm(Weights w, int c) {
        for (String key : new String[] {"weight", "bias", "running_mean", "running_var"}) {
            long[] shape = w.info(key).shape();
            if (shape.length != 1 || shape[0] != c) {
                throw new CheckpointException("shape mismatch for '" + w.path() + key + "': checkpoint has "
                        + Arrays.toString(shape) + ", network expects [" + c + "]");
            }
        }
        return BatchNorm.load(w, 1e-5);
    }

    /** {@code nn.Linear(in, out)}. */
    static Linear linear(Weights w, int in, int out) {
        return Linear.of(w.get("weight", out, in), w.get("bias", out));
    }

    /** {@code nn.ConvTranspose2d(in, out, kernel_size=(kh, 1), stride=(kh, 1))} with bias. */
    static ConvTranspose2d upsample(Weights w, int in, int out, int kh) {
        return ConvTranspose2d.of(w.get("weight", in, out, kh, 1), w.get("bias", out), new long[] {kh, 1}, ZERO, ZERO,
                ONE, 1);
    }
}
