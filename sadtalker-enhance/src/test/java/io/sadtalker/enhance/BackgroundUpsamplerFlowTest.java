package io.sadtalker.enhance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sadtalker.core.image.OpenCvImages;
import io.sadtalker.core.image.RgbImage;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;

/** The paste background of the GFPGANer flow: the bg_upsampler's output when there is one, else Lanczos-4. */
class BackgroundUpsamplerFlowTest {
    private static final int W = 6;
    private static final int H = 4;

    private static RgbImage frame() {
        byte[] rgb = new byte[W * H * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (i * 7);
        }
        return RgbImage.of(W, H, rgb);
    }

    /** An upsampler of {@code scale} whose output (BGR) is a ramp unrelated to the frame; counts its calls. */
    private static BackgroundUpsampler ramp(int scale, AtomicInteger calls) {
        return new BackgroundUpsampler() {
            @Override
            public int scale() {
                return scale;
            }

            @Override
            public byte[] upsample(byte[] bgr, int width, int height) {
                assertThat(bgr).isEqualTo(frame().bgr());
                assertThat(width).isEqualTo(W);
                assertThat(height).isEqualTo(H);
                calls.incrementAndGet();
                byte[] out = new byte[width * scale * height * scale * 3];
                for (int i = 0; i < out.length; i++) {
                    out[i] = (byte) (255 - i % 251);
                }
                return out;
            }
        };
    }

    private static RgbImage enhance(BackgroundUpsampler background) {
        FaceRestorer identity = new FaceRestorer() {
            @Override
            public int faceSize() {
                return 512;
            }

            @Override
            public byte[] restore(byte[] croppedBgr, RandomGenerator random) {
                return croppedBgr;
            }
        };
        try (GFPGANer enhancer = GFPGANer.builder().faceDetector(frame -> List.of()).restorer(identity)
                .faceMask((face, size, m) -> new double[size * size]).backgroundUpsampler(background).build()) {
            return enhancer.enhance(frame());
        }
    }

    @Test
    void backgroundComesFromTheUpsampler() {
        AtomicInteger calls = new AtomicInteger();
        RgbImage out = enhance(ramp(2, calls));
        assertThat(calls).hasValue(1);
        assertThat(out.width()).isEqualTo(2 * W);
        assertThat(out.height()).isEqualTo(2 * H);
        assertThat(out.bgr()).isEqualTo(ramp(2, new AtomicInteger()).upsample(frame().bgr(), W, H));
    }

    @Test
    void upsamplerOutputOfAnotherScaleIsResizedWithLanczos() {
        AtomicInteger calls = new AtomicInteger();
        RgbImage out = enhance(ramp(4, calls));
        byte[] upsampled = ramp(4, new AtomicInteger()).upsample(frame().bgr(), W, H);
        assertThat(out.bgr()).isEqualTo(lanczos(upsampled, 4 * W, 4 * H));
    }

    @Test
    void withoutUpsamplerTheFrameIsResizedWithLanczos() {
        RgbImage out = enhance(null);
        assertThat(out.bgr()).isEqualTo(lanczos(frame().bgr(), W, H));
    }

    private static byte[] lanczos(byte[] bgr, int w, int h) {
        try (Mat src = OpenCvImages.bgrMat(w, h, bgr); Mat dst = new Mat()) {
            opencv_imgproc.resize(src, dst, new Size(2 * W, 2 * H), 0, 0, opencv_imgproc.INTER_LANCZOS4);
            return OpenCvImages.bytes(dst);
        }
    }
}
