package io.sadtalker.core.image;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LANCZOS4;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_NEAREST;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * {@code cv2.resize(img, (width, height), interpolation=...)} on an {@link RgbImage}, computed by OpenCV itself so
 * results are bit-identical to the original (OpenCV's fixed-point 8-bit paths included).
 */
public final class CvResize {
    /** cv2 interpolation flags. */
    public enum Interpolation {
        NEAREST(INTER_NEAREST), LINEAR(INTER_LINEAR), CUBIC(INTER_CUBIC), AREA(INTER_AREA), LANCZOS4(INTER_LANCZOS4);

        private final int flag;

        Interpolation(int flag) {
            this.flag = flag;
        }

        /** The OpenCV constant. */
        public int flag() {
            return flag;
        }
    }

    private CvResize() {
    }

    /** {@code cv2.resize(img, (width, height))}: the default INTER_LINEAR. */
    public static RgbImage linear(RgbImage image, int width, int height) {
        return resize(image, width, height, Interpolation.LINEAR);
    }

    /** {@code cv2.resize(img, (width, height), interpolation=INTER_AREA)}. */
    public static RgbImage area(RgbImage image, int width, int height) {
        return resize(image, width, height, Interpolation.AREA);
    }

    /** {@code cv2.resize(img, (width, height), interpolation=mode)}; the same size returns the image unchanged. */
    public static RgbImage resize(RgbImage image, int width, int height, Interpolation mode) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("resize target must be positive, got " + width + "x" + height);
        }
        if (width == image.width() && height == image.height()) {
            return image;
        }
        try (Mat src = OpenCvImages.toBgrMat(image); Mat dst = new Mat()) {
            resize(src, dst, width, height, mode);
            return OpenCvImages.fromBgrMat(dst);
        }
    }

    /** {@code cv2.resize} on OpenCV mats (any type OpenCV supports). */
    public static void resize(Mat src, Mat dst, int width, int height, Interpolation mode) {
        try (Size size = new Size(width, height)) {
            org.bytedeco.opencv.global.opencv_imgproc.resize(src, dst, size, 0, 0, mode.flag());
        }
    }
}
