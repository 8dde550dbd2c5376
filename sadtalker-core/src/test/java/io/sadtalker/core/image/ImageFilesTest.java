package io.sadtalker.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sadtalker.core.MediaException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {
    @TempDir
    Path dir;

    @Test
    void pngRoundTripIsLossless() {
        byte[] rgb = new byte[5 * 3 * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (i * 11);
        }
        RgbImage img = RgbImage.of(5, 3, rgb);
        Path png = dir.resolve("a.png");
        ImageFiles.write(img, png);
        assertThat(ImageFiles.read(png)).isEqualTo(img);
        assertThat(dir.toFile().list()).containsExactly("a.png");
    }

    @Test
    void formatIsDetectedByContent() {
        // a JPEG file with a .png name (fixtures/media/README.md)
        RgbImage img = ImageFiles.read(io.sadtalker.testkit.Fixtures.media().resolve("full_body_1.png"));
        assertThat(img.width()).isEqualTo(800);
        assertThat(img.height()).isEqualTo(1200);
    }

    @Test
    void resizeMatchesOpenCvLinearOnAConstantImage() {
        byte[] rgb = new byte[4 * 4 * 3];
        java.util.Arrays.fill(rgb, (byte) 77);
        RgbImage out = CvResize.linear(RgbImage.of(4, 4, rgb), 7, 3);
        assertThat(out.width()).isEqualTo(7);
        assertThat(out.height()).isEqualTo(3);
        assertThat(out.get(6, 2, 1)).isEqualTo(77);
    }

    @Test
    void unreadableFilesAreMediaExceptions() throws Exception {
        Path junk = dir.resolve("junk.png");
        Files.write(junk, new byte[] {1, 2, 3, 4});
        assertThatThrownBy(() -> ImageFiles.read(junk)).isInstanceOf(MediaException.class)
                .hasMessageContaining("junk.png");
        assertThatThrownBy(() -> ImageFiles.read(dir.resolve("missing.png"))).isInstanceOf(MediaException.class)
                .hasMessageContaining("missing.png");
        assertThatThrownBy(() -> ImageFiles.write(RgbImage.of(1, 1, new byte[3]), dir.resolve("x.unknown")))
                .isInstanceOf(MediaException.class);
    }
}
