package io.sadtalker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.sadtalker.core.FaceCoefficients;
import io.sadtalker.core.Landmarks;
import io.sadtalker.core.MotionCoefficients;
import io.sadtalker.core.Preprocess;
import io.sadtalker.core.ProgressListener;
import io.sadtalker.core.image.ImageFiles;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.pipeline.GenerationRequest;
import io.sadtalker.core.pipeline.PreparedPortrait;
import io.sadtalker.core.pipeline.TalkingHeadPipeline;
import io.sadtalker.core.stage.Face3DMMExtractor;
import io.sadtalker.core.stage.FrameStream;
import io.sadtalker.core.stage.LandmarkDetector;
import io.sadtalker.core.stage.VideoEncoder;
import io.sadtalker.preprocess.crop.SadTalkerFaceCropper;
import io.sadtalker.preprocess.video.FfmpegVideoDecoder;
import io.sadtalker.render.VideoWriter;
import io.sadtalker.testkit.FixtureCase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reference eye-blink and pose videos through the pipeline ({@code --ref_eyeblink}, {@code --ref_pose}): every
 * frame is read, cropped with the first frame's landmarks and turned into coefficients, and the pose reference
 * moves the head by {@code ref[t] - ref[0]}. The 3DMM extractor is a stand-in whose coefficients are the crop's
 * mean brightness, so the expected pose offsets can be computed from the video alone.
 */
class ReferenceVideoTest {
    @TempDir
    Path dir;

    @Test
    void poseAndBlinkReferencesReachTheMotion() throws Exception {
        PipelineInputs inputs = PipelineInputs.first();
        FixtureCase source = inputs.source();
        Path checkpoints = inputs.checkpoints();
        Landmarks full = inputs.full();
        Landmarks crop = inputs.crop();
        RgbImage portrait = ImageFiles.read(source.file("portrait.png"));
        Path video = brightnessRamp(portrait, 5);
        LandmarkDetector landmarks = image -> image.width() == 256 && image.height() == 256 ? crop : full;
        Face3DMMExtractor meanBrightness = (face, lm) -> {
            float[] c = new float[FaceCoefficients.WIDTH];
            Arrays.fill(c, mean(face));
            return new FaceCoefficients(1, c, null);
        };
        GenerationRequest.Builder base = GenerationRequest.builder().portrait(source.file("portrait.png"))
                .audio(source.file("speech.wav")).landmarks(full).cropLandmarks(crop).seed(3);
        try (TalkingHeadPipeline pipeline = TalkingHeadPipeline.builder().checkpoints(checkpoints)
                .landmarkDetector(landmarks).extractor(meanBrightness).build()) {
            PreparedPortrait prepared = pipeline.prepare(base.build(), ProgressListener.NONE);
            MotionCoefficients plain = pipeline.motion(prepared, base.build(), ProgressListener.NONE);
            MotionCoefficients posed = pipeline.motion(prepared, base.refPose(video).build(), ProgressListener.NONE);
            MotionCoefficients blinked = pipeline.motion(prepared, GenerationRequest.builder()
                    .portrait(source.file("portrait.png")).audio(source.file("speech.wav")).landmarks(full)
                    .cropLandmarks(crop).seed(3).refEyeBlink(video).build(), ProgressListener.NONE);

            float[] ref = expectedReferenceMeans(video, full);
            assertThat(ref).hasSize(5);
            assertThat(ref[4]).isGreaterThan(ref[0] + 20f / 255f); // the ramp survived the codec
            int frames = plain.frames();
            for (int t = 0; t < frames; t++) {
                float offset = ref[t % ref.length] - ref[0];
                for (int j = 64; j < 70; j++) {
                    assertThat(posed.frame(t)[j] - plain.frame(t)[j]).as("frame %d pose %d", t, j)
                            .isCloseTo(offset, org.assertj.core.data.Offset.offset(1e-5f));
                }
                assertThat(Arrays.copyOf(posed.frame(t), 64)).containsExactly(Arrays.copyOf(plain.frame(t), 64));
            }
            assertThat(blinked.data()).isNotEqualTo(plain.data());
        }
    }

    /** The reference coefficients the pipeline should see: each decoded frame cropped with frame 0's landmarks. */
    private static float[] expectedReferenceMeans(Path video, Landmarks firstFrameLandmarks) {
        List<Float> means = new ArrayList<>();
        SadTalkerFaceCropper cropper = new SadTalkerFaceCropper();
        try (FrameStream frames = new FfmpegVideoDecoder().open(video)) {
            while (frames.hasNext()) {
                means.add(mean(cropper.crop(frames.next(), firstFrameLandmarks, Preprocess.CROP, 256).face()));
            }
        }
        float[] out = new float[means.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = means.get(i);
        }
        return out;
    }

    private Path brightnessRamp(RgbImage portrait, int count) {
        Path video = dir.resolve("reference.mp4");
        try (VideoEncoder.Sink sink = new VideoWriter().open(video, portrait.width(), portrait.height(), 25, null)) {
            byte[] rgb = portrait.rgb();
            for (int f = 0; f < count; f++) {
                byte[] frame = new byte[rgb.length];
                for (int i = 0; i < rgb.length; i++) {
                    frame[i] = (byte) Math.min(255, (rgb[i] & 0xFF) / 2 + 12 * f);
                }
                sink.write(RgbImage.wrap(portrait.width(), portrait.height(), frame));
            }
            sink.commit();
        }
        return video;
    }

    private static float mean(RgbImage image) {
        long sum = 0;
        for (byte b : image.rgb()) {
            sum += b & 0xFF;
        }
        return (float) (sum / (double) (image.width() * image.height() * 3) / 255.0);
    }
}
