package io.sadtalker.audio.coeff;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import io.sadtalker.core.CancellationToken;
import io.sadtalker.core.FaceCoefficients;
import io.sadtalker.core.InvalidInputException;
import io.sadtalker.core.MelWindows;
import io.sadtalker.core.MotionCoefficients;
import io.sadtalker.core.SadTalkerException;
import io.sadtalker.core.config.Audio2PoseConfig;
import io.sadtalker.core.stage.Audio2Coeff;
import io.sadtalker.core.stage.Audio2CoeffOptions;
import io.sadtalker.core.weights.SadTalkerCheckpoints;
import io.sadtalker.core.weights.SadTalkerNetwork;
import io.sadtalker.core.weights.Weights;
import java.nio.file.Path;
import java.util.Random;

/**
 * {@code src/test_audio2coeff.py Audio2Coeff.generate} with the inputs {@code get_data} prepares: reference
 * coefficients (the source's first 70 values per frame, expression replaced by a reference eye-blink video when
 * given), the eye-blink ratio ({@link BlinkSequence}, or injected), {@link Audio2Exp}, {@link Audio2Pose} with the
 * pose style and the CVAE noise, Savitzky-Golay smoothing of the pose, and the relative reference pose.
 *
 * <p>Needs at least 3 frames (the original's {@code savgol_filter} fails below that). Safe for concurrent calls:
 * the weights are read-only and every call uses its own NDManager scope.
 */
public final class SadTalkerAudio2Coeff implements Audio2Coeff, AutoCloseable {
    private final NDManager manager;
    private final Audio2Exp audio2exp;
    private final Audio2Pose audio2pose;
    private final boolean ownsManager;

    private SadTalkerAudio2Coeff(NDManager manager, Audio2Exp audio2exp, Audio2Pose audio2pose, boolean ownsManager) {
        this.manager = manager;
        this.audio2exp = audio2exp;
        this.audio2pose = audio2pose;
        this.ownsManager = ownsManager;
    }

    /** Loads the {@code audio2exp.} and {@code audio2pose.} networks of a SadTalker safetensors (or compatible) file. */
    public static SadTalkerAudio2Coeff open(Path checkpoint) {
        return open(SadTalkerCheckpoints.safetensors(checkpoint), Device.cpu());
    }

    /**
     * Loads the Audio2Exp and Audio2Pose networks from {@code files} (safetensors or legacy) on {@code device};
     * closes {@code files}.
     */
    public static SadTalkerAudio2Coeff open(SadTalkerCheckpoints files, Device device) {
        NDManager manager = NDManager.newBaseManager(device, "PyTorch");
        try (files) {
            return new SadTalkerAudio2Coeff(manager, Audio2Exp.load(files.weights(SadTalkerNetwork.AUDIO2EXP, manager)),
                    Audio2Pose.load(files.weights(SadTalkerNetwork.AUDIO2POSE, manager), Audio2PoseConfig.DEFAULT),
                    true);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Binds the two networks to given scopes; their arrays stay owned by the weights' manager. */
    public static SadTalkerAudio2Coeff load(Weights audio2exp, Weights audio2pose) {
        return new SadTalkerAudio2Coeff(audio2exp.manager(), Audio2Exp.load(audio2exp),
                Audio2Pose.load(audio2pose, Audio2PoseConfig.DEFAULT),
                false);
    }

    /** Everything {@code Audio2Coeff.generate} computes, row-major. */
    public record Prediction(int frames, float[] expCoeffPred, float[] poseMotionPred, float[] posePred,
                             float[] coeffsBeforeRefPose, MotionCoefficients coeffs) {
    }

    @Override
    public MotionCoefficients generate(MelWindows mel, FaceCoefficients source, Audio2CoeffOptions options) {
        int t = mel.frames();
        Random random = options.random() != null ? options.random() : new Random();
        float[] ratio;
        if (options.refEyeBlink() != null) {
            ratio = new float[t];
        } else if (options.blinkRatio() != null) {
            ratio = options.blinkRatio().clone();
            if (ratio.length != t) {
                throw new InvalidInputException("blinkRatio has " + ratio.length + " values; expected one per video"
                        + " frame of the audio: " + t);
            }
        } else {
            ratio = BlinkSequence.randomly(t, random);
        }
        float[] ref = referenceCoefficients(source, options.refEyeBlink(), t);
        Audio2CoeffOptions.NoiseSource noise = options.noise() != null ? options.noise() : gaussian(random);
        CancellationToken cancellation = options.cancellation() != null ? options.cancellation()
                : new CancellationToken();
        return predict(mel, ref, ratio, options.poseStyle(), noise, options.refPose(), cancellation).coeffs();
    }

    /**
     * The original's computation on prepared inputs.
     *
     * @param ref     {@code T x 70} reference coefficients ({@code batch['ref']})
     * @param ratio   {@code T} blink ratios ({@code batch['ratio_gt']})
     * @param refPose reference-pose video coefficients or null
     * @param cancellation checked before each network chunk
     */
    public Prediction predict(MelWindows mel, float[] ref, float[] ratio, int poseStyle,
                              Audio2CoeffOptions.NoiseSource noise, FaceCoefficients refPose,
                              CancellationToken cancellation) {
        int t = mel.frames();
        if (t < 3) {
            throw new SadTalkerException("audio of " + t + " video frames is too short for Audio2Coeff: at least 3 "
                    + "frames (0.12 s) are needed for the pose smoothing");
        }
        if (poseStyle < 0 || poseStyle >= audio2pose.numClasses()) {
            throw new IllegalArgumentException("pose style must be in 0.." + (audio2pose.numClasses() - 1) + ", got "
                    + poseStyle);
        }
        JniUtils.setGradMode(false);
        float[] exp;
        Audio2Pose.Result pose;
        try (NDManager scope = manager.newSubManager()) {
            exp = audio2exp.test(scope, mel, ref, ratio, cancellation);
            float[] refPoseRow = new float[6];
            System.arraycopy(ref, 64, refPoseRow, 0, 6);
            pose = audio2pose.test(scope, mel, refPoseRow, poseStyle, noise, cancellation);
        }
        float[] smoothed = pose.posePred().clone();
        SavgolFilter.apply(smoothed, t, 6, SavgolFilter.sadTalkerWindow(t), 2);
        float[] coeffs = new float[t * MotionCoefficients.WIDTH];
        for (int i = 0; i < t; i++) {
            System.arraycopy(exp, i * 64, coeffs, i * 70, 64);
            System.arraycopy(smoothed, i * 6, coeffs, i * 70 + 64, 6);
        }
        float[] before = coeffs.clone();
        if (refPose != null) {
            ReferenceCoefficients.applyRefPose(coeffs, t, refPose);
        }
        return new Prediction(t, exp, pose.poseMotionPred(), pose.posePred(), before,
                new MotionCoefficients(t, coeffs));
    }

    /**
     * {@code get_data}'s {@code ref_coeff}: the source's first 70 coefficients repeated for every frame, the 64
     * expression values replaced by the (tiled) reference eye-blink coefficients when given.
     */
    public static float[] referenceCoefficients(FaceCoefficients source, FaceCoefficients refEyeBlink, int frames) {
        float[] first = source.frame(0);
        float[] ref = new float[frames * 70];
        for (int i = 0; i < frames; i++) {
            System.arraycopy(first, 0, ref, i * 70, 70);
        }
        if (refEyeBlink != null) {
            float[] blink = ReferenceCoefficients.tiled(refEyeBlink, 0, 64, frames);
            for (int i = 0; i < frames; i++) {
                System.arraycopy(blink, i * 64, ref, i * 70, 64);
            }
        }
        return ref;
    }

    private static Audio2CoeffOptions.NoiseSource gaussian(Random random) {
        return (batch, dim) -> {
            float[] z = new float[batch * dim];
            for (int i = 0; i < z.length; i++) {
                z[i] = (float) random.nextGaussian();
            }
            return z;
        };
    }

    @Override
    public void close() {
        if (ownsManager) {
            manager.close();
        }
    }
}
