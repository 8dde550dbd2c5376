package io.sadtalker.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sadtalker.core.MediaException;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.VideoEncoder;
import io.sadtalker.testkit.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import io.sadtalker.testkit.Mp4Probe;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoWriterTest {
    private static final int FRAMES = 30;

    @TempDir
    Path dir;

    @Test
    void writesH264WithAudioCutToTheFrames() throws Exception {
        Path out = dir.resolve("talk.mp4");
        Path speech = Fixtures.media().resolve("RD_Radio31_000.wav");
        try (VideoEncoder.Sink sink = new VideoWriter().open(out, 64, 48, 25, speech)) {
            for (int i = 0; i < FRAMES; i++) {
                sink.write(frame(64, 48, i));
            }
            assertThat(sink.commit()).isEqualTo(out.toAbsolutePath());
        }
        assertThat(listing()).containsExactly("talk.mp4");
        Mp4Probe probe = Mp4Probe.read(out);
        assertThat(probe.videoCodec()).isEqualTo("h264");
        assertThat(probe.frameRate()).isEqualTo(25.0);
        assertThat(probe.width()).isEqualTo(64);
        assertThat(probe.height()).isEqualTo(48);
        assertThat(probe.sampleRate()).isEqualTo(16000);
        assertThat(probe.pictures()).isEqualTo(FRAMES);
        // 30 frames at 25 fps = 1.2 s = 19200 samples; AAC pads to whole 1024-sample frames
        assertThat(probe.samplesPerChannel()).isBetween(19200L, 19200L + 1024);
    }

    @Test
    void oddSizesAreEncodedAtEvenSize() throws Exception {
        Path out = dir.resolve("odd.mp4");
        try (VideoEncoder.Sink sink = new VideoWriter().open(out, 33, 21, 25, null)) {
            for (int i = 0; i < 3; i++) {
                sink.write(frame(33, 21, i));
            }
            sink.commit();
        }
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(out.toFile())) {
            g.start();
            assertThat(g.getImageWidth()).isEqualTo(34);
            assertThat(g.getImageHeight()).isEqualTo(22);
            assertThat(g.getAudioChannels()).isZero();
        }
    }

    @Test
    void closingWithoutCommitLeavesNothing() throws IOException {
        try (VideoEncoder.Sink sink = new VideoWriter().open(dir.resolve("x.mp4"), 32, 32, 25, null)) {
            sink.write(frame(32, 32, 0));
        }
        assertThat(listing()).isEmpty();
    }

    @Test
    void unwritableTargetIsAMediaException() throws IOException {
        Path missing = dir.resolve("no-such-dir").resolve("x.mp4");
        assertThatThrownBy(() -> new VideoWriter().open(missing, 32, 32, 25, null))
                .isInstanceOf(MediaException.class).hasMessageContaining(missing.toString());
        assertThat(listing()).isEmpty();
    }

    @Test
    void missingAudioIsAMediaExceptionAndLeavesNothing() throws IOException {
        Path audio = dir.resolve("none.wav");
        assertThatThrownBy(() -> new VideoWriter().open(dir.resolve("x.mp4"), 32, 32, 25, audio))
                .isInstanceOf(MediaException.class).hasMessageContaining("none.wav");
        assertThat(listing()).isEmpty();
    }

    @Test
    void wrongFrameSizeIsRejected() {
        try (VideoEncoder.Sink sink = new VideoWriter().open(dir.resolve("x.mp4"), 32, 32, 25, null)) {
            assertThatThrownBy(() -> sink.write(frame(16, 16, 0))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private java.util.List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static RgbImage frame(int w, int h, int i) {
        byte[] rgb = new byte[w * h * 3];
        for (int p = 0; p < rgb.length; p++) {
            rgb[p] = (byte) ((p * 7 + i * 13) & 0xFF);
        }
        return RgbImage.wrap(w, h, rgb);
    }
}
