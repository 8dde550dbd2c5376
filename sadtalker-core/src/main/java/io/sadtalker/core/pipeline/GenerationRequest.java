package io.sadtalker.core.pipeline;

import io.sadtalker.core.InvalidInputException;
import io.sadtalker.core.CancellationToken;
import io.sadtalker.core.Landmarks;
import io.sadtalker.core.stage.Audio2CoeffOptions;
import java.nio.file.Path;

/**
 * One talking-head generation: the options of SadTalker's {@code inference.py} that vary per call. Built with
 * {@link #builder()}. The injection points ({@code landmarks}, {@code cropLandmarks}, {@code blinkRatio},
 * {@code noise}) replace the detectors and the random draws of the original: the same inputs and {@code seed}
 * give the same video.
 */
public record GenerationRequest(Path portrait, Path audio, Path output, int poseStyle, float expressionScale,
                                int[] yaw, int[] pitch, int[] roll, Path refEyeBlink, Path refPose, long seed,
                                Landmarks landmarks, Landmarks cropLandmarks, float[] blinkRatio,
                                Audio2CoeffOptions.NoiseSource noise, CancellationToken cancellation) {

    public static Builder builder() {
        return new Builder();
    }

    /** Fluent builder; {@code audio} is required, and {@code portrait} unless a prepared portrait is used. */
    public static final class Builder {
        private Path portrait;
        private Path audio;
        private Path output;
        private int poseStyle;
        private float expressionScale = 1f;
        private int[] yaw;
        private int[] pitch;
        private int[] roll;
        private Path refEyeBlink;
        private Path refPose;
        private long seed;
        private Landmarks landmarks;
        private Landmarks cropLandmarks;
        private float[] blinkRatio;
        private Audio2CoeffOptions.NoiseSource noise;
        private CancellationToken cancellation = new CancellationToken();

        public Builder portrait(Path v) { portrait = v; return this; }
        public Builder audio(Path v) { audio = v; return this; }
        public Builder output(Path v) { output = v; return this; }
        /** Pose style 0..45 ({@code --pose_style}). */
        public Builder poseStyle(int v) { poseStyle = v; return this; }
        /** {@code --expression_scale}. */
        public Builder expressionScale(float v) { expressionScale = v; return this; }
        /** Key yaw angles in degrees ({@code --input_yaw}). */
        public Builder yaw(int... v) { yaw = v.clone(); return this; }
        public Builder pitch(int... v) { pitch = v.clone(); return this; }
        public Builder roll(int... v) { roll = v.clone(); return this; }
        /** Reference eye-blink video ({@code --ref_eyeblink}). */
        public Builder refEyeBlink(Path v) { refEyeBlink = v; return this; }
        /** Reference pose video ({@code --ref_pose}). */
        public Builder refPose(Path v) { refPose = v; return this; }
        /** Seed of every random draw (blink sequence, pose noise). */
        public Builder seed(long v) { seed = v; return this; }
        /** Full-picture 68 landmarks to use instead of detection. */
        public Builder landmarks(Landmarks v) { landmarks = v; return this; }
        /** Cropped-face 68 landmarks to use instead of detection. */
        public Builder cropLandmarks(Landmarks v) { cropLandmarks = v; return this; }
        /** Eye-blink ratio per frame instead of the random sequence. */
        public Builder blinkRatio(float[] v) { blinkRatio = v.clone(); return this; }
        /** The CVAE noise draws instead of seeded Gaussian noise. */
        public Builder noise(Audio2CoeffOptions.NoiseSource v) { noise = v; return this; }
        public Builder cancellation(CancellationToken v) { cancellation = v; return this; }

        public GenerationRequest build() {
            if (audio == null) {
                throw new InvalidInputException("an audio file is required");
            }
            if (poseStyle < 0 || poseStyle > 45) {
                throw new InvalidInputException("pose style must be in 0..45, got " + poseStyle);
            }
            return new GenerationRequest(portrait, audio, output, poseStyle, expressionScale, yaw, pitch, roll,
                    refEyeBlink, refPose, seed, landmarks, cropLandmarks, blinkRatio, noise, cancellation);
        }
    }
}
