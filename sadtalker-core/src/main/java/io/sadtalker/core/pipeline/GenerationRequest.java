package io.sadtalker.core.pipeline;

import io.sadtalker.core.InvalidInputException;
import io.sadtalker.core.CancellationToken;
import io.sadtalker.core.Landmarks;
import io.sadtalker.core.image.ImageFiles;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.Audio2CoeffOptions;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * One talking-head generation: the options of SadTalker's {@code inference.py} that vary per call. Built with
 * {@link #builder()}. The injection points ({@code landmarks}, {@code cropLandmarks}, {@code blinkRatio},
 * {@code noise}) replace the detectors and the random draws of the original: the same inputs and {@code seed}
 * give the same video. The portrait and the speech are files ({@code Path}) or held in memory ({@code portraitImage},
 * {@code audioData}); {@code TalkingHeadPipeline.generate(request, OutputStream, listener)} writes the mp4 to a stream.
 */
public record GenerationRequest(Path portrait, Path audio, Path output, int poseStyle, float expressionScale,
                                int[] yaw, int[] pitch, int[] roll, Path refEyeBlink, Path refPose, long seed,
                                Landmarks landmarks, Landmarks cropLandmarks, float[] blinkRatio,
                                Audio2CoeffOptions.NoiseSource noise, CancellationToken cancellation,
                                RgbImage portraitImage, InMemoryAudio audioData) {

    public static Builder builder() {
        return new Builder();
    }

    /** This request writing to {@code target} instead. */
    public GenerationRequest withOutput(Path target) {
        return new GenerationRequest(portrait, audio, target, poseStyle, expressionScale, yaw, pitch, roll,
                refEyeBlink, refPose, seed, landmarks, cropLandmarks, blinkRatio, noise, cancellation, portraitImage,
                audioData);
    }

    /** This request reading its speech from {@code file} (in place of in-memory audio). */
    public GenerationRequest withAudio(Path file) {
        return new GenerationRequest(portrait, file, output, poseStyle, expressionScale, yaw, pitch, roll,
                refEyeBlink, refPose, seed, landmarks, cropLandmarks, blinkRatio, noise, cancellation, portraitImage,
                null);
    }

    /**
     * Fluent builder; the audio is required, and the portrait unless a prepared portrait is used. Each input takes
     * one form: setting a file, an image or bytes replaces what was set before.
     */
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
        private RgbImage portraitImage;
        private InMemoryAudio audioData;

        /** Portrait picture (or the first frame of a video) file. */
        public Builder portrait(Path v) { portrait = v; portraitImage = null; return this; }
        /** Portrait picture in memory. */
        public Builder portrait(RgbImage v) { portraitImage = v; portrait = null; return this; }
        /** Portrait picture in memory; an alpha channel is dropped. */
        public Builder portrait(BufferedImage v) { return portrait(RgbImage.of(v)); }
        /** Encoded portrait picture (png, jpeg, ...), e.g. an upload; decoded here. */
        public Builder portrait(byte[] encoded) { return portrait(ImageFiles.decode(encoded, "the portrait bytes")); }
        /** Speech file (wav, mp3, m4a, flac, ogg). */
        public Builder audio(Path v) { audio = v; audioData = null; return this; }
        /** Speech file's bytes (wav, mp3, m4a, flac, ogg), e.g. an upload. */
        public Builder audio(byte[] encoded) { audioData = InMemoryAudio.encoded(encoded); audio = null; return this; }
        /** Speech as mono samples in [-1, 1] at {@code sampleRate} Hz. */
        public Builder audio(float[] samples, int sampleRate) {
            audioData = InMemoryAudio.pcm(samples, sampleRate);
            audio = null;
            return this;
        }
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
            if (audio == null && audioData == null) {
                throw new InvalidInputException("an audio file is required");
            }
            if (poseStyle < 0 || poseStyle > 45) {
                throw new InvalidInputException("pose style must be in 0..45, got " + poseStyle);
            }
            requireAngles("yaw", yaw);
            requireAngles("pitch", pitch);
            requireAngles("roll", roll);
            return new GenerationRequest(portrait, audio, output, poseStyle, expressionScale, yaw, pitch, roll,
                    refEyeBlink, refPose, seed, landmarks, cropLandmarks, blinkRatio, noise, cancellation,
                    portraitImage, audioData);
        }

        /** Key angles, when given, are at least one ({@code --input_yaw} and the others take one or more). */
        private static void requireAngles(String name, int[] angles) {
            if (angles != null && angles.length == 0) {
                throw new InvalidInputException(name + " needs at least one key angle in degrees (--input_" + name
                        + "), got none");
            }
        }
    }
}
