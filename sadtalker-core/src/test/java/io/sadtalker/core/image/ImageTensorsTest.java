package io.sadtalker.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.sadtalker.core.SadTalkerException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageTensorsTest {
    @Test
    void toChwFloatScalesLikeImgAsFloat32() {
        try (NDManager m = NDManager.newBaseManager()) {
            RgbImage img = RgbImage.of(2, 1, new byte[] {0, (byte) 128, (byte) 255, 1, 2, 3});
            NDArray chw = ImageTensors.toChwFloat(img, m);
            assertThat(chw.getShape()).isEqualTo(new Shape(3, 1, 2));
            // channel-major: R(0,1), G(128,2), B(255,3), each x * float32(1/255)
            float s = (float) (1.0 / 255);
            assertThat(chw.toFloatArray()).containsExactly(0f, 1 * s, 128 * s, 2 * s, 255 * s, 3 * s);
        }
    }

    @Test
    void imgAsUbyteRoundsHalfToEvenAndClips() {
        try (NDManager m = NDManager.newBaseManager()) {
            // 0.5/255 -> 0.5 -> 0 ; 1.5/255 -> 2 ; 2.5/255 -> 2 ; -0.5 -> clipped 0 ; 1 -> 255 ; 0.999 -> 255
            float[] v = {0.5f / 255, 1.5f / 255, 2.5f / 255, -0.5f, 1f, 0.999f};
            NDArray x = m.create(v, new Shape(1, 3, 1, 2));
            List<RgbImage> out = ImageTensors.fromNchwFloat(x);
            assertThat(out).hasSize(1);
            RgbImage img = out.get(0);
            assertThat(new int[] {img.get(0, 0, 0), img.get(1, 0, 0), img.get(0, 0, 1), img.get(1, 0, 1),
                    img.get(0, 0, 2), img.get(1, 0, 2)}).containsExactly(0, 2, 2, 0, 255, 255);
        }
    }

    @Test
    void imgAsUbyteRejectsOutOfRange() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {0f, 1.5f, 0f}, new Shape(1, 3, 1, 1));
            assertThatThrownBy(() -> ImageTensors.fromNchwFloat(x)).isInstanceOf(SadTalkerException.class);
            NDArray nan = m.create(new float[] {0f, Float.NaN, 0f}, new Shape(1, 3, 1, 1));
            assertThatThrownBy(() -> ImageTensors.fromNchwFloat(nan)).isInstanceOf(SadTalkerException.class);
        }
    }

    @Test
    void hwcRoundTrip() {
        try (NDManager m = NDManager.newBaseManager()) {
            RgbImage img = RgbImage.of(2, 2, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
            assertThat(ImageTensors.fromHwcU8(ImageTensors.toHwcU8(img, m))).isEqualTo(img);
        }
    }
}
