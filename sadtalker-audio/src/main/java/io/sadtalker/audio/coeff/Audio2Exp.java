package io.sadtalker.audio.coeff;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.sadtalker.core.CancellationToken;
import io.sadtalker.core.MelWindows;
import io.sadtalker.core.weights.Weights;

/** {@code src/audio2exp_models/audio2exp.py Audio2Exp.test}: {@link SimpleWrapperV2} over chunks of 10 frames. */
public final class Audio2Exp {
    static final int CHUNK = 10;
    private final SimpleWrapperV2 netG;

    private Audio2Exp(SimpleWrapperV2 netG) {
        this.netG = netG;
    }

    /** Loads the {@code audio2exp.} scope of the SadTalker checkpoint (= the state dict of SimpleWrapperV2), strictly. */
    public static Audio2Exp load(Weights w) {
        return new Audio2Exp(w.bind(SimpleWrapperV2::load));
    }

    /**
     * @param mel   T windows
     * @param ref   {@code T x 70} reference coefficients (only the first 64 columns are read)
     * @param ratio {@code T} blink ratios
     * @param cancellation checked before each chunk
     * @return {@code T x 64} expression coefficients
     */
    public float[] test(NDManager manager, MelWindows mel, float[] ref, float[] ratio,
                        CancellationToken cancellation) {
        int t = mel.frames();
        float[] mels = mel.data();
        float[] out = new float[t * 64];
        for (int i = 0; i < t; i += CHUNK) {
            cancellation.throwIfCancelled();
            int n = Math.min(CHUNK, t - i);
            try (NDManager m = manager.newSubManager()) {
                NDArray x = m.create(slice(mels, i * 1280, n * 1280), new Shape(n, 1, 80, 16));
                NDArray r = m.create(slice(ref, i * 70, n * 70), new Shape(n, 70)).get(":, :64");
                NDArray a = m.create(slice(ratio, i, n), new Shape(n, 1));
                float[] y = netG.forward(x, r, a).toFloatArray();
                System.arraycopy(y, 0, out, i * 64, n * 64);
            }
        }
        return out;
    }

    private static float[] slice(float[] a, int from, int len) {
        float[] s = new float[len];
        System.arraycopy(a, from, s, 0, len);
        return s;
    }
}
