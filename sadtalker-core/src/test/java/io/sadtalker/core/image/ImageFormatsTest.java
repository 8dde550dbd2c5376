package io.sadtalker.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_16UC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pictures users hand in: grayscale, RGBA, 16-bit, CMYK JPEG, EXIF-rotated and very large files all decode to
 * 8-bit RGB as {@code cv2.imread(path)} gives them (the CMYK and EXIF files are made by
 * {@code src/test/images/make_test_images.py}).
 */
class ImageFormatsTest {
    @TempDir
    Path dir;

    private Path write(String name, Mat mat) {
        Path p = dir.resolve(name);
        assertThat(imwrite(p.toString(), mat)).isTrue();
        return p;
    }

    private Path resource(String name) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/images/" + name)) {
            return Files.write(dir.resolve(name), in.readAllBytes());
        }
    }

    @Test
    void grayscaleBecomesThreeEqualChannels() {
        Path p = write("gray.png", new Mat(5, 7, CV_8UC1, new Scalar(90)));
        RgbImage image = ImageFiles.read(p);
        assertThat(image.width()).isEqualTo(7);
        assertThat(image.rgb()).containsOnly((byte) 90);
    }

    @Test
    void alphaIsDropped() {
        // OpenCV order B, G, R, A
        Path p = write("rgba.png", new Mat(4, 4, CV_8UC4, new Scalar(10, 20, 30, 0)));
        RgbImage image = ImageFiles.read(p);
        assertThat(image.get(0, 0, 0)).isEqualTo(30);
        assertThat(image.get(0, 0, 1)).isEqualTo(20);
        assertThat(image.get(0, 0, 2)).isEqualTo(10);
    }

    @Test
    void sixteenBitSamplesAreScaledToEightBits() {
        Path p = write("deep.png", new Mat(3, 3, CV_16UC3, new Scalar(256 * 200, 256 * 100, 256 * 50, 0)));
        RgbImage image = ImageFiles.read(p);
        assertThat(image.get(1, 1, 0)).isEqualTo(50);
        assertThat(image.get(1, 1, 1)).isEqualTo(100);
        assertThat(image.get(1, 1, 2)).isEqualTo(200);
    }

    @Test
    void cmykJpegIsConvertedToRgb() throws Exception {
        RgbImage image = ImageFiles.read(resource("cmyk.jpg"));
        assertThat(image.width()).isEqualTo(64);
        assertThat(image.height()).isEqualTo(48);
        // left half red, right half white (JPEG loses a few levels)
        assertThat(image.get(8, 24, 0)).isGreaterThan(230);
        assertThat(image.get(8, 24, 1)).isLessThan(30);
        assertThat(image.get(56, 24, 1)).isGreaterThan(230);
    }

    @Test
    void exifOrientationIsApplied() throws Exception {
        RgbImage image = ImageFiles.read(resource("exif-rotated.jpg"));
        // stored 64x48 with a red left half; orientation 6 turns it 90 degrees clockwise: red on top
        assertThat(image.width()).isEqualTo(48);
        assertThat(image.height()).isEqualTo(64);
        assertThat(image.get(24, 8, 0)).isGreaterThan(230);
        assertThat(image.get(24, 8, 1)).isLessThan(30);
        assertThat(image.get(24, 56, 1)).isGreaterThan(230);
    }

    @Test
    void an8000By8000PictureDecodes() {
        Path p = write("huge.png", new Mat(8000, 8000, CV_8UC3, new Scalar(1, 2, 3, 0)));
        RgbImage image = ImageFiles.read(p);
        assertThat(image.width()).isEqualTo(8000);
        assertThat(image.height()).isEqualTo(8000);
        assertThat(image.get(7999, 7999, 0)).isEqualTo(3);
    }
}
