package io.sadtalker.preprocess.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sadtalker.core.MediaException;
import io.sadtalker.core.MediaLimits;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.FrameStream;
import io.sadtalker.testkit.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FfmpegVideoDecoderTest {
    private final FfmpegVideoDecoder decoder = new FfmpegVideoDecoder();

    @Test
    void readsEveryFrameOfTheReferenceVideo() {
        Path video = Fixtures.root().resolve("media/WDA_AlexandriaOcasioCortez_000.mp4");
        int n = 0;
        try (FrameStream frames = decoder.open(video)) {
            assertThat(frames.frameCount()).isBetween(195, 205);
            while (frames.hasNext()) {
                RgbImage f = frames.next();
                assertThat(f.width()).isEqualTo(512);
                assertThat(f.height()).isEqualTo(512);
                n++;
            }
        }
        assertThat(n).isBetween(195, 205); // 8 s at 25 fps
    }

    @Test
    void aPictureIsOneFrameEvenWithAMisleadingExtension() {
        // full_body_1.png is a JPEG file: recognised by content
        try (FrameStream frames = decoder.open(Fixtures.root().resolve("media/full_body_1.png"))) {
            RgbImage f = frames.next();
            assertThat(f.width()).isEqualTo(800);
            assertThat(f.height()).isEqualTo(1200);
            assertThat(frames.hasNext()).isFalse();
        }
    }

    @Test
    void aFileWithNoFrameIsAMediaException(@TempDir Path dir) throws Exception {
        Path junk = Files.write(dir.resolve("junk.mp4"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        assertThatThrownBy(() -> decoder.open(junk)).isInstanceOf(MediaException.class).hasMessageContaining("junk.mp4");
        Path audioOnly = Fixtures.root().resolve("media/bus_chinese.wav");
        assertThatThrownBy(() -> decoder.open(audioOnly)).isInstanceOf(MediaException.class)
                .hasMessageContaining("bus_chinese.wav");
        assertThatThrownBy(() -> decoder.open(dir.resolve("absent.mp4"))).isInstanceOf(MediaException.class);
    }

    @Test
    void aListThatNamesAVideoIsRefusedAsAPortrait(@TempDir Path dir) throws Exception {
        Files.copy(Fixtures.root().resolve("media/WDA_AlexandriaOcasioCortez_000.mp4"), dir.resolve("talk.mp4"));
        Path list = Files.writeString(dir.resolve("portrait.mp4"), "ffconcat version 1.0\nfile 'talk.mp4'\n");
        assertThatThrownBy(() -> decoder.open(list)).isInstanceOf(MediaException.class)
                .hasMessageContaining("portrait.mp4").hasMessageContaining("accepted");
    }

    @Test
    void framesBeyondThePictureLimitAreRefusedBeforeDecoding() {
        Path video = Fixtures.root().resolve("media/WDA_AlexandriaOcasioCortez_000.mp4");
        FfmpegVideoDecoder small = new FfmpegVideoDecoder(MediaLimits.defaults().withMaxImagePixels(512 * 511));
        assertThatThrownBy(() -> small.open(video)).isInstanceOf(MediaException.class)
                .hasMessageContaining("512x512").hasMessageContaining("maxImagePixels");
        Path picture = Fixtures.root().resolve("media/full_body_1.png");
        assertThatThrownBy(() -> small.open(picture)).isInstanceOf(MediaException.class)
                .hasMessageContaining("800x1200");
    }
}
