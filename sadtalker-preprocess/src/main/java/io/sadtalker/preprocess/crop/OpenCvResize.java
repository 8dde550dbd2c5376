package io.sadtalker.preprocess.crop;

import io.sadtalker.core.image.RgbImage;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/** {@code cv2.resize(img, (w, h))} with the default {@code INTER_LINEAR}, as the original calls it on RGB arrays. */
public final class OpenCvResize {
    private OpenCvResize() {
    }

    /** Resizes {@code image} to {@code width x height}; returns {@code image} itself when the size is unchanged. */
    public static RgbImage linear(RgbImage image, int width, int height) {
        if (image.width() == width && image.height() == height) {
            return image; // cv2.resize copies the input unchanged for an equal size
        }
        byte[] out = new byte[width * height * 3];
        try (BytePointer src = new BytePointer(image.rgb());
             Mat in = new Mat(image.height(), image.width(), opencv_core.CV_8UC3, src);
             Mat dst = new Mat();
             Size size = new Size(width, height)) {
            opencv_imgproc.resize(in, dst, size, 0, 0, opencv_imgproc.INTER_LINEAR);
            dst.data().get(out);
        }
        return RgbImage.wrap(width, height, out);
    }
}
