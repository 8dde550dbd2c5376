package io.sadtalker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sadtalker.core.CancellationToken;
import io.sadtalker.core.CancelledException;
import io.sadtalker.core.Landmarks;
import io.sadtalker.core.Preprocess;
import io.sadtalker.core.pipeline.GenerationRequest;
import io.sadtalker.core.pipeline.TalkingHeadPipeline;
import io.sadtalker.examples.CustomEnhancer;
import io.sadtalker.testkit.FixtureCase;
import io.sadtalker.testkit.Mp4Probe;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.bytedeco.javacv.FrameGrabber;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Portrait + speech to an mp4 through the default stages with synthetic full-size checkpoints: frame count
 * (= floor(25 x audio seconds)), size, fps and an audio stream as long as the video. The portrait, its
 * landmarks and the speech come from the first pipeline fixture (landmark detection on synthetic weights would
 * find no real face).
 */
class EndToEndVideoTest {
    private static FixtureCase source;
    private static Path checkpoints;
    private static Landmarks landmarks;
    private static Landmarks cropLandmarks;

    @TempDir
    Path dir;

    @BeforeAll
    static void inputs() {
        PipelineInputs inputs = PipelineInputs.first();
        source = inputs.source();
        checkpoints = inputs.checkpoints();
        landmarks = inputs.full();
        cropLandmarks = inputs.crop();
    }

    private static TalkingHeadPipeline.Builder pipeline(Preprocess mode) {
        return TalkingHeadPipeline.builder().checkpoints(checkpoints).preprocess(mode).batchSize(2)
                .landmarkDetector(image -> {
                    throw new AssertionError("landmarks are injected");
                });
    }

    private GenerationRequest.Builder request(Path output) {
        return GenerationRequest.builder().portrait(source.file("portrait.png")).audio(source.file("speech.wav"))
                .output(output).landmarks(landmarks).cropLandmarks(cropLandmarks).seed(7);
    }

    @Test
    void cropModeWritesAnMp4WithTheAudio() throws Exception {
        Path out = dir.resolve("crop.mp4");
        try (TalkingHeadPipeline p = pipeline(Preprocess.CROP).build()) {
            assertThat(p.generate(request(out).build(), (s, d, t) -> { })).isEqualTo(out.toAbsolutePath());
        }
        // the crop is 161 x 136: frames are resized to (256, int(256 * 136 / 161)) = 256 x 216
        assertVideo(out, 256, 216);
        assertThat(listing()).containsExactly("crop.mp4");
    }

    @Test
    void inMemoryPortraitAndSpeechWriteTheMp4ToAStream() throws Exception {
        GenerationRequest request = GenerationRequest.builder()
                .portrait(ImageIO.read(source.file("portrait.png").toFile()))
                .audio(Files.readAllBytes(source.file("speech.wav")))
                .landmarks(landmarks).cropLandmarks(cropLandmarks).seed(7).build();
        Path out = dir.resolve("streamed.mp4");
        try (TalkingHeadPipeline p = pipeline(Preprocess.CROP).build();
             OutputStream stream = Files.newOutputStream(out)) {
            p.generate(request, stream, (s, d, t) -> { });
        }
        assertVideo(out, 256, 216);
        assertThat(listing()).containsExactly("streamed.mp4");
    }

    @Test
    void fullModeWithAnEnhancerPastesIntoThePicture() throws Exception {
        Path out = dir.resolve("full.mp4");
        try (TalkingHeadPipeline p = pipeline(Preprocess.FULL).still(true).enhancer(new CustomEnhancer(1.1f)).build()) {
            p.generate(request(out).build(), (s, d, t) -> { });
        }
        assertVideo(out, 256, 228); // the full portrait's size
    }

    @Test
    void cancellingLeavesNoOutput() throws Exception {
        Path out = dir.resolve("cancelled.mp4");
        CancellationToken token = new CancellationToken();
        List<String> stages = new ArrayList<>();
        try (TalkingHeadPipeline p = pipeline(Preprocess.CROP).build()) {
            assertThatThrownBy(() -> p.generate(request(out).cancellation(token).build(), (stage, done, total) -> {
                stages.add(stage);
                if (stage.equals("Face Renderer") && done >= 2) {
                    token.cancel();
                }
            })).isInstanceOf(CancelledException.class);
        }
        assertThat(stages).contains("landmark Det", "3DMM Extraction", "mel", "audio2exp", "Face Renderer");
        assertThat(listing()).isEmpty();
    }

    private static void assertVideo(Path mp4, int width, int height) throws FrameGrabber.Exception {
        int expectedFrames = 10; // speech.wav: 6400 samples at 16 kHz = 0.4 s -> floor(25 * 0.4)
        Mp4Probe probe = Mp4Probe.read(mp4);
        assertThat(probe.videoCodec()).isEqualTo("h264");
        assertThat(probe.frameRate()).isEqualTo(25.0);
        assertThat(probe.width()).isEqualTo(width);
        assertThat(probe.height()).isEqualTo(height);
        assertThat(probe.audioChannels()).isPositive();
        assertThat(probe.pictures()).isEqualTo(expectedFrames);
        long expectedSamples = expectedFrames * (long) probe.sampleRate() / 25;
        // AAC pads the last packet to a whole 1024-sample frame
        assertThat(probe.samplesPerChannel()).isBetween(expectedSamples, expectedSamples + 1024);
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
