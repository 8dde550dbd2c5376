package io.sadtalker.preprocess.face3d;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.sadtalker.core.image.RgbImage;
import org.junit.jupiter.api.Test;

class PilBicubicTest {
    @Test
    void coefficientRowsSumToOneInFixedPoint() {
        for (int[] io : new int[][] {{256, 416}, {416, 256}, {7, 3}, {3, 7}}) {
            double[] k = PilBicubic.coefficients(io[0], io[1]);
            for (int r = 0; r < io[1]; r++) {
                double sum = 0;
                for (int c = 0; c < io[0]; c++) {
                    sum += k[r * io[0] + c];
                }
                // each weight is rounded on its own: the sum is 2^22 up to the rounding of the taps
                assertThat(Math.abs(sum - (1 << 22))).isLessThanOrEqualTo(k.length / io[1]);
            }
        }
    }

    @Test
    void constantImageStaysConstantAndSizeIsHonoured() {
        byte[] rgb = new byte[5 * 4 * 3];
        for (int i = 0; i < rgb.length; i += 3) {
            rgb[i] = (byte) 200;
            rgb[i + 1] = 17;
            rgb[i + 2] = 0;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            RgbImage out = PilBicubic.resize(RgbImage.of(5, 4, rgb), 9, 3, m);
            assertThat(out.width()).isEqualTo(9);
            assertThat(out.height()).isEqualTo(3);
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 9; x++) {
                    assertThat(new int[] {out.get(x, y, 0), out.get(x, y, 1), out.get(x, y, 2)})
                            .containsExactly(200, 17, 0);
                }
            }
        }
    }

    /**
     * Values from Pillow 9.4.0:
     * {@code im = Image.frombytes('RGB', (5, 3), bytes([(i * 37 + 11) % 256 for i in range(45)]));
     * list(im.resize(size, Image.BICUBIC).tobytes())}.
     */
    @Test
    void matchesPillowWhenUpAndDownScaling() {
        int[] up = {1, 38, 75, 46, 97, 134, 127, 155, 192, 225, 47, 84, 206, 27, 73, 89, 115, 160, 145, 204, 78, 205,
                255, 5, 27, 64, 100, 81, 123, 168, 147, 181, 236, 112, 73, 115, 93, 59, 98, 108, 146, 186, 191, 125, 104,
                250, 96, 31, 65, 102, 146, 125, 161, 156, 181, 219, 161, 60, 111, 119, 44, 101, 144, 145, 188, 224, 166,
                94, 142, 167, 13, 69, 91, 128, 184, 150, 187, 104, 208, 245, 15, 100, 137, 92, 90, 126, 183, 177, 213,
                250, 86, 131, 168, 7, 58, 95};
        int[] down = {71, 108, 150, 140, 84, 130, 171, 150, 89, 131, 168, 131, 104, 150, 146, 127, 106, 154};
        byte[] rgb = new byte[45];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) ((i * 37 + 11) % 256);
        }
        RgbImage image = RgbImage.of(5, 3, rgb);
        try (NDManager m = NDManager.newBaseManager()) {
            assertThat(unsigned(PilBicubic.resize(image, 8, 4, m).rgb())).containsExactly(up);
            assertThat(unsigned(PilBicubic.resize(image, 3, 2, m).rgb())).containsExactly(down);
        }
    }

    private static int[] unsigned(byte[] b) {
        int[] out = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i] & 0xFF;
        }
        return out;
    }
}
