package io.sadtalker.preprocess.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sadtalker.core.MediaException;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.testkit.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CvImagesTest {
    @Test
    void readsByContentNotByName() {
        // full_body_1.png is a JPEG file
        RgbImage image = CvImages.read(Fixtures.media().resolve("full_body_1.png"));
        assertThat(image.width()).isEqualTo(800);
        assertThat(image.height()).isEqualTo(1200);
    }

    @Test
    void corruptMissingOrNonImageFilesAreMediaExceptionsNamingTheFile(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("face.png"), "not an image");
        Path empty = Files.write(dir.resolve("empty.jpg"), new byte[0]);
        byte[] png = Files.readAllBytes(Fixtures.media().resolve("people_0.png"));
        Path truncated = Files.write(dir.resolve("truncated.png"), java.util.Arrays.copyOf(png, 64));
        for (Path p : new Path[] {text, empty, truncated, dir.resolve("missing.png")}) {
            assertThatThrownBy(() -> CvImages.read(p)).isInstanceOf(MediaException.class)
                    .hasMessageContaining(p.getFileName().toString());
        }
    }

    @Test
    void cropCopiesTheRowsAndColumnsAndResizeKeepsAConstantImage() {
        byte[] rgb = new byte[4 * 3 * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) i;
        }
        RgbImage crop = CvImages.crop(RgbImage.of(4, 3, rgb), 1, 1, 3, 3);
        assertThat(crop.rgb()).containsExactly(15, 16, 17, 18, 19, 20, 27, 28, 29, 30, 31, 32);
        byte[] grey = new byte[5 * 7 * 3];
        java.util.Arrays.fill(grey, (byte) 77);
        RgbImage resized = CvImages.resizeLinear(RgbImage.of(5, 7, grey), 256, 256);
        assertThat(resized.width()).isEqualTo(256);
        assertThat(resized.rgb()).containsOnly((byte) 77);
    }
}
