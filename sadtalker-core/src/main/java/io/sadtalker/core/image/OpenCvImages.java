package io.sadtalker.core.image;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import org.bytedeco.opencv.opencv_core.Mat;

/** Conversions between {@link RgbImage} and OpenCV's 8-bit 3-channel BGR {@code Mat} (the original's cv2 arrays). */
public final class OpenCvImages {
    private OpenCvImages() {
    }

    /** A new BGR {@code Mat} holding a copy of {@code image}; the caller closes it. */
    public static Mat toBgrMat(RgbImage image) {
        return bgrMat(image.width(), image.height(), image.bgr());
    }

    /** A new {@code Mat} of {@code height x width} 8-bit 3-channel pixels copied from {@code hwc}. */
    public static Mat bgrMat(int width, int height, byte[] hwc) {
        if ((long) width * height * 3 != hwc.length) {
            throw new IllegalArgumentException("expected " + (long) width * height * 3 + " bytes, got " + hwc.length);
        }
        Mat mat = new Mat(height, width, CV_8UC3);
        mat.data().put(hwc);
        return mat;
    }

    /** The HWC bytes of an 8-bit 3-channel {@code mat}, in the mat's channel order. */
    public static byte[] bytes(Mat mat) {
        if (mat.type() != CV_8UC3) {
            throw new IllegalArgumentException("expected an 8-bit 3-channel Mat, got type " + mat.type());
        }
        byte[] out = new byte[mat.rows() * mat.cols() * 3];
        if (mat.isContinuous()) {
            mat.data().get(out);
        } else {
            try (Mat copy = mat.clone()) {
                copy.data().get(out);
            }
        }
        return out;
    }

    /** Reads a BGR {@code mat} as an {@link RgbImage} (copy). */
    public static RgbImage fromBgrMat(Mat mat) {
        return RgbImage.wrap(mat.cols(), mat.rows(), swap(bytes(mat)));
    }

    private static byte[] swap(byte[] bgr) {
        for (int i = 0; i < bgr.length; i += 3) {
            byte b = bgr[i];
            bgr[i] = bgr[i + 2];
            bgr[i + 2] = b;
        }
        return bgr;
    }
}
