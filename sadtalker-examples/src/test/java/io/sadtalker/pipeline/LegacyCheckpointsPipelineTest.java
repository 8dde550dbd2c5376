package io.sadtalker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.sadtalker.core.MotionCoefficients;
import io.sadtalker.core.Preprocess;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.pipeline.GenerationRequest;
import io.sadtalker.core.pipeline.PreparedPortrait;
import io.sadtalker.core.pipeline.TalkingHeadPipeline;
import io.sadtalker.core.stage.FrameStream;
import io.sadtalker.testkit.BitPatterns;
import io.sadtalker.testkit.LegacyCheckpoints;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code --old_version} through the public API: a checkpoint directory without a {@code .safetensors} file
 * (legacy files chosen automatically, as by the original) gives bit-identical 3DMM coefficients, motion
 * coefficients and rendered frames to the safetensors directory, for the first pipeline case's portrait, landmarks
 * and speech (the first {@value #FRAMES} frames rendered).
 */
class LegacyCheckpointsPipelineTest {
    private static final int FRAMES = 3;

    private record Run(float[] coefficients, float[] motion, List<byte[]> frames) {
    }

    @Test
    void legacyFilesGiveTheSameCoefficientsAndFramesAsTheSafetensorsFile() {
        PipelineInputs inputs = PipelineInputs.first();
        Run safetensors = run(inputs, inputs.checkpoints());
        Run legacy = run(inputs, LegacyCheckpoints.directory("legacy-pipeline", inputs.source().seed()));
        assertThat(BitPatterns.of(legacy.coefficients())).as("3DMM coefficients")
                .containsExactly(BitPatterns.of(safetensors.coefficients()));
        assertThat(BitPatterns.of(legacy.motion())).as("Audio2Coeff motion")
                .containsExactly(BitPatterns.of(safetensors.motion()));
        assertThat(legacy.frames()).hasSize(FRAMES);
        for (int i = 0; i < FRAMES; i++) {
            assertThat(legacy.frames().get(i)).as("frame " + i).isEqualTo(safetensors.frames().get(i));
        }
        assertThat(distinctValues(legacy.frames().get(0))).as("a rendered picture, not a constant").isGreaterThan(16);
    }

    private static Run run(PipelineInputs inputs, Path checkpoints) {
        GenerationRequest request = GenerationRequest.builder().portrait(inputs.source().file("portrait.png"))
                .audio(inputs.source().file("speech.wav")).landmarks(inputs.full()).cropLandmarks(inputs.crop())
                .seed(7).build();
        try (TalkingHeadPipeline pipeline = TalkingHeadPipeline.builder().checkpoints(checkpoints)
                .preprocess(Preprocess.CROP).batchSize(2)
                .landmarkDetector(image -> {
                    throw new AssertionError("landmarks are injected");
                }).build()) {
            PreparedPortrait portrait = pipeline.prepare(request, (s, d, t) -> { });
            MotionCoefficients motion = pipeline.motion(portrait, request, (s, d, t) -> { });
            MotionCoefficients first = new MotionCoefficients(FRAMES,
                    Arrays.copyOf(motion.data(), FRAMES * MotionCoefficients.WIDTH));
            List<byte[]> frames = new ArrayList<>();
            try (FrameStream stream = pipeline.frames(portrait, first, request, (s, d, t) -> { })) {
                while (stream.hasNext()) {
                    RgbImage frame = stream.next();
                    frames.add(frame.rgb());
                }
            }
            return new Run(portrait.coefficients().full257(), motion.data(), frames);
        }
    }

    private static long distinctValues(byte[] rgb) {
        boolean[] seen = new boolean[256];
        for (byte b : rgb) {
            seen[b & 0xff] = true;
        }
        long n = 0;
        for (boolean s : seen) {
            n += s ? 1 : 0;
        }
        return n;
    }
}
