package io.sadtalker.audio.coeff;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import io.sadtalker.core.config.Audio2PoseConfig;
import io.sadtalker.core.nn.Activations;
import io.sadtalker.core.nn.Linear;
import io.sadtalker.core.weights.Weights;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code src/audio2pose_models/cvae.py DECODER} (what {@code CVAE.test} runs): {@code z + classbias[class]},
 * {@code [ref pose (6), z (latent), linear_audio(audio) (seq_len x audio_emb_out)]} through the MLP (ReLU between its
 * layers, sigmoid after the last; 262 -> 128 -> 192 with auido2pose.yaml), reshaped to {@code (seq_len, 6)}, the
 * ResUnet, then {@code pose_linear}.
 */
final class CvaeDecoder {
    private static final int POSE = 6;

    private final int seqLen;
    private final NDArray classbias;
    private final List<Linear> mlp;
    private final ResUnet resunet;
    private final Linear poseLinear;
    private final Linear linearAudio;

    private CvaeDecoder(int seqLen, NDArray classbias, List<Linear> mlp, ResUnet resunet, Linear poseLinear,
                        Linear linearAudio) {
        this.seqLen = seqLen;
        this.classbias = classbias;
        this.mlp = mlp;
        this.resunet = resunet;
        this.poseLinear = poseLinear;
        this.linearAudio = linearAudio;
    }

    /** {@code DECODER(cfg)} with the sizes of {@code config}. */
    static CvaeDecoder load(Weights w, Audio2PoseConfig config) {
        Audio2PoseConfig.Cvae cvae = config.cvae();
        List<Integer> sizes = cvae.decoderLayerSizes();
        List<Linear> mlp = new ArrayList<>();
        int in = cvae.latentSize() + cvae.seqLen() * cvae.audioEmbOutSize() + POSE;
        for (int i = 0; i < sizes.size(); i++) {
            mlp.add(Linear.load(w.prefix("MLP").prefix("L" + i), in, sizes.get(i)));
            in = sizes.get(i);
        }
        return new CvaeDecoder(cvae.seqLen(),
                w.get("classbias", config.numClasses(), cvae.latentSize()),
                mlp,
                ResUnet.load(w.prefix("resunet")),
                Linear.load(w.prefix("pose_linear"), POSE, POSE),
                Linear.load(w.prefix("linear_audio"), cvae.audioEmbInSize(), cvae.audioEmbOutSize()));
    }

    /**
     * @param z        {@code (1, latent)} noise
     * @param poseClass pose style, 0 to num_classes - 1
     * @param ref      {@code (1, 6)} reference pose
     * @param audioEmb {@code (1, seq_len, audio_emb_in)} audio embedding
     * @return {@code (1, seq_len, 6)} pose motion
     */
    NDArray forward(NDArray z, int poseClass, NDArray ref, NDArray audioEmb) {
        long bs = z.getShape().get(0);
        NDArray audioOut = linearAudio.forward(audioEmb).reshape(bs, -1);
        NDArray zc = z.add(classbias.get(poseClass).reshape(1, -1));
        NDArray x = NDArrays.concat(new NDList(ref, zc, audioOut), -1);
        for (int i = 0; i < mlp.size(); i++) {
            x = mlp.get(i).forward(x);
            x = i + 1 < mlp.size() ? x.maximum(0f) : Activations.sigmoid(x);
        }
        NDArray pose = resunet.forward(x.reshape(bs, 1, seqLen, -1));
        return poseLinear.forward(pose.squeeze(1));
    }
}
