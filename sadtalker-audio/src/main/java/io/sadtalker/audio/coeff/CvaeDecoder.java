package io.sadtalker.audio.coeff;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import io.sadtalker.core.nn.Linear;
import io.sadtalker.core.weights.Weights;

/**
 * {@code src/audio2pose_models/cvae.py DECODER} (what {@code CVAE.test} runs): {@code z + classbias[class]},
 * {@code [ref pose (6), z (64), linear_audio(audio) (32 x 6)]} through the MLP (262 -> 128 ReLU -> 192 sigmoid),
 * reshaped to {@code (32, 6)}, the ResUnet, then {@code pose_linear}.
 */
final class CvaeDecoder {
    static final int SEQ_LEN = 32;
    static final int LATENT = 64;
    static final int NUM_CLASSES = 46;
    private static final int AUDIO_OUT = 6;

    private final NDArray classbias;
    private final Linear l0;
    private final Linear l1;
    private final ResUnet resunet;
    private final Linear poseLinear;
    private final Linear linearAudio;

    private CvaeDecoder(NDArray classbias, Linear l0, Linear l1, ResUnet resunet,
                        Linear poseLinear, Linear linearAudio) {
        this.classbias = classbias;
        this.l0 = l0;
        this.l1 = l1;
        this.resunet = resunet;
        this.poseLinear = poseLinear;
        this.linearAudio = linearAudio;
    }

    static CvaeDecoder load(Weights w) {
        Weights mlp = w.prefix("MLP");
        return new CvaeDecoder(
                w.get("classbias", NUM_CLASSES, LATENT),
                Layers.linear(mlp.prefix("L0"), LATENT + SEQ_LEN * AUDIO_OUT + 6, 128),
                Layers.linear(mlp.prefix("L1"), 128, 192),
                ResUnet.load(w.prefix("resunet")),
                Layers.linear(w.prefix("pose_linear"), 6, 6),
                Layers.linear(w.prefix("linear_audio"), 512, AUDIO_OUT));
    }

    /**
     * @param z        {@code (1, 64)} noise
     * @param poseClass pose style 0..45
     * @param ref      {@code (1, 6)} reference pose
     * @param audioEmb {@code (1, 32, 512)} audio embedding
     * @return {@code (1, 32, 6)} pose motion
     */
    NDArray forward(NDArray z, int poseClass, NDArray ref, NDArray audioEmb) {
        long bs = z.getShape().get(0);
        NDArray audioOut = linearAudio.forward(audioEmb).reshape(bs, -1);
        NDArray zc = z.add(classbias.get(poseClass).reshape(1, LATENT));
        NDArray x = NDArrays.concat(new NDList(ref, zc, audioOut), -1);
        x = Activation.sigmoid(l1.forward(l0.forward(x).maximum(0f)));
        NDArray pose = resunet.forward(x.reshape(bs, 1, SEQ_LEN, -1));
        return poseLinear.forward(pose.squeeze(1));
    }
}
