package io.sadtalker.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sadtalker.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class RgbImageTest {
    private static RgbImage ramp(int w, int h) {
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) i;
        }
        return RgbImage.of(w, h, rgb);
    }

    @Test
    void cropCopiesTheRowsAndColumnsAsANumpySlice() {
        RgbImage crop = ramp(4, 3).crop(1, 1, 3, 3);
        assertThat(crop.width()).isEqualTo(2);
        assertThat(crop.height()).isEqualTo(2);
        assertThat(crop.rgb()).containsExactly(15, 16, 17, 18, 19, 20, 27, 28, 29, 30, 31, 32);
        assertThatThrownBy(() -> ramp(4, 3).crop(0, 0, 5, 1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("outside 4x3");
    }

    @Test
    void bgrSwapsRedAndBlueAndSizesAreChecked() {
        RgbImage image = RgbImage.fromBgr(1, 1, new byte[] {1, 2, 3});
        assertThat(image.get(0, 0, 0)).isEqualTo(3);
        assertThat(image.bgr()).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> RgbImage.of(2, 2, new byte[3])).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("expected 12 bytes");
    }
}
