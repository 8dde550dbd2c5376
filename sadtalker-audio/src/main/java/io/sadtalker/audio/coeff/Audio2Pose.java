package io.sadtalker.audio.coeff;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.sadtalker.core.CancellationToken;
import io.sadtalker.core.MelWindows;
import io.sadtalker.core.config.Audio2PoseConfig;
import io.sadtalker.core.nn.Scoped;
import io.sadtalker.core.stage.Audio2CoeffOptions;
import io.sadtalker.core.weights.Weights;

/**
 * {@code src/audio2pose_models/audio2pose.py Audio2Pose.test}: frame 0's motion is zero; frames 1..T-1 are encoded
 * and decoded by the CVAE in chunks of 32 with one noise draw each; a remainder re-encodes the last 32 frames
 * (left-padding the embedding by repeating its first row when fewer exist) and keeps its last outputs.
 * The training-only CVAE encoder and motion discriminator of the checkpoint are read and ignored.
 */
public final class Audio2Pose {
    private final Audio2PoseConfig config;
    private final AudioEncoder audioEncoder;
    private final CvaeDecoder decoder;

    private Audio2Pose(Audio2PoseConfig config, AudioEncoder audioEncoder, CvaeDecoder decoder) {
        this.config = config;
        this.audioEncoder = audioEncoder;
        this.decoder = decoder;
    }

    /**
     * Loads the {@code audio2pose.} scope of the SadTalker checkpoint, strictly, as {@code Audio2Pose(cfg)} with
     * {@code config} (auido2pose.yaml: {@link Audio2PoseConfig#DEFAULT}).
     */
    public static Audio2Pose load(Weights w, Audio2PoseConfig config) {
        return w.bind(s -> {
            skipAll(s.prefix("netG").prefix("encoder"));
            skipAll(s.prefix("netD_motion"));
            return new Audio2Pose(config, AudioEncoder.load(s.prefix("audio_encoder").prefix("audio_encoder")),
                    CvaeDecoder.load(s.prefix("netG").prefix("decoder"), config));
        });
    }

    /** The number of pose styles ({@code DATASET.NUM_CLASSES}). */
    public int numClasses() {
        return config.numClasses();
    }

    private static void skipAll(Weights w) {
        for (String k : w.keys()) {
            w.skip(k);
        }
    }

    /** Motion and pose of {@link #test}: {@code T x 6} each. */
    public record Result(float[] poseMotionPred, float[] posePred) {
    }

    /**
     * @param refPose   the source pose ({@code ref[0, 64:70]}, 6 values)
     * @param poseClass pose style, 0 to {@link #numClasses()} - 1
     * @param noise     the {@code (1, latent)} draws, one per chunk
     * @param cancellation checked before each chunk
     */
    public Result test(NDManager manager, MelWindows mel, float[] refPose, int poseClass,
                       Audio2CoeffOptions.NoiseSource noise, CancellationToken cancellation) {
        int t = mel.frames();
        int seq = config.cvae().seqLen();
        int frames = t - 1;
        int div = frames / seq;
        int re = frames % seq;
        float[] mels = mel.data();
        float[] motion = new float[t * 6];
        for (int i = 0; i < div; i++) {
            // one scope per chunk, so memory stays that of one chunk however long the audio
            cancellation.throwIfCancelled();
            int from = 1 + i * seq;
            float[] pred = Scoped.call(manager, chunk -> decoder.forward(draw(chunk, noise), poseClass,
                    chunk.create(refPose, new Shape(1, 6)), encode(chunk, mels, from, seq)).toFloatArray());
            System.arraycopy(pred, 0, motion, from * 6, seq * 6);
        }
        if (re != 0) {
            cancellation.throwIfCancelled();
            float[] pred = Scoped.call(manager, chunk -> {
                NDArray z = draw(chunk, noise);
                int n = Math.min(seq, frames);
                NDArray emb = encode(chunk, mels, t - n, n);
                if (n < seq) {
                    NDArray pad = emb.get(":, :1, :").repeat(1, seq - n);
                    emb = NDArrays.concat(new NDList(pad, emb), 1);
                }
                return decoder.forward(z, poseClass, chunk.create(refPose, new Shape(1, 6)), emb).toFloatArray();
            });
            System.arraycopy(pred, (seq - re) * 6, motion, (t - re) * 6, re * 6);
        }
        float[] pose = new float[t * 6];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < 6; j++) {
                pose[i * 6 + j] = refPose[j] + motion[i * 6 + j];
            }
        }
        return new Result(motion, pose);
    }

    private NDArray draw(NDManager m, Audio2CoeffOptions.NoiseSource noise) {
        int latent = config.cvae().latentSize();
        float[] z = noise.next(1, latent);
        if (z.length != latent) {
            throw new IllegalArgumentException("noise source gave " + z.length + " values, expected " + latent);
        }
        return m.create(z, new Shape(1, latent));
    }

    /** Embeddings {@code (1, n, 512)} of frames {@code [from, from + n)}. */
    private NDArray encode(NDManager m, float[] mels, int from, int n) {
        float[] x = new float[n * 1280];
        System.arraycopy(mels, from * 1280, x, 0, n * 1280);
        return audioEncoder.forward(m.create(x, new Shape(n, 1, 80, 16))).reshape(1, n, 512);
    }
}
