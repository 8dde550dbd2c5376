package io.sadtalker.audio.coeff;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import io.sadtalker.core.nn.Linear;
import io.sadtalker.core.weights.Weights;

/**
 * {@code src/audio2exp_models/networks.py SimpleWrapperV2}: audio encoder, then {@code mapping1} (Linear 577 -> 64)
 * on {@code [audio embedding, reference expression (64), blink ratio (1)]} per frame.
 */
final class SimpleWrapperV2 {
    private final AudioEncoder audioEncoder;
    private final Linear mapping1;

    private SimpleWrapperV2(AudioEncoder audioEncoder, Linear mapping1) {
        this.audioEncoder = audioEncoder;
        this.mapping1 = mapping1;
    }

    static SimpleWrapperV2 load(Weights w) {
        return new SimpleWrapperV2(AudioEncoder.load(w.prefix("audio_encoder")),
                Linear.load(w.prefix("mapping1"), 512 + 64 + 1, 64));
    }

    /**
     * @param mels  {@code (N, 1, 80, 16)} windows of N frames
     * @param ref   {@code (N, 64)} reference expression per frame
     * @param ratio {@code (N, 1)} blink ratio per frame
     * @return {@code (N, 64)} expression coefficients
     */
    NDArray forward(NDArray mels, NDArray ref, NDArray ratio) {
        NDArray x = audioEncoder.forward(mels);
        return mapping1.forward(NDArrays.concat(new NDList(x, ref, ratio), 1));
    }
}
