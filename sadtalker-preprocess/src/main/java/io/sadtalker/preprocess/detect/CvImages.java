package io.sadtalker.preprocess.detect;

import io.sadtalker.core.MediaException;
import io.sadtalker.core.image.RgbImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/** The few OpenCV calls detection needs ({@code cv2.resize}, {@code cv2.imread}), on {@link RgbImage}. */
public final class CvImages {
    private CvImages() {
    }

    /** {@code cv2.resize(img, (width, height))} with the default INTER_LINEAR, on the uint8 pixels. */
    public static RgbImage resizeLinear(RgbImage image, int width, int height) {
        return resize(image, width, height, opencv_imgproc.INTER_LINEAR);
    }

    /** {@code cv2.resize} with INTER_AREA (shrinking without aliasing). */
    public static RgbImage resizeArea(RgbImage image, int width, int height) {
        return resize(image, width, height, opencv_imgproc.INTER_AREA);
    }

    private static RgbImage resize(RgbImage image, int width, int height, int interpolation) {
        byte[] rgb = image.rgb();
        try (BytePointer src = new BytePointer(rgb);
             Mat in = new Mat(image.height(), image.width(), opencv_core.CV_8UC3, src);
             Mat out = new Mat()) {
            opencv_imgproc.resize(in, out, new Size(width, height), 0, 0, interpolation);
            byte[] pixels = new byte[width * height * 3];
            out.data().get(pixels);
            return RgbImage.wrap(width, height, pixels);
        }
    }

    /** The pixels of rows {@code [y1, y2)} and columns {@code [x1, x2)} (bounds already inside the image). */
    public static RgbImage crop(RgbImage image, int x1, int y1, int x2, int y2) {
        if (x1 < 0 || y1 < 0 || x2 > image.width() || y2 > image.height() || x2 <= x1 || y2 <= y1) {
            throw new IllegalArgumentException("crop [" + x1 + "," + y1 + "," + x2 + "," + y2 + ") outside "
                    + image.width() + "x" + image.height());
        }
        byte[] src = image.rgb();
        int w = x2 - x1;
        byte[] out = new byte[w * (y2 - y1) * 3];
        for (int y = y1; y < y2; y++) {
            System.arraycopy(src, (y * image.width() + x1) * 3, out, (y - y1) * w * 3, w * 3);
        }
        return RgbImage.wrap(w, y2 - y1, out);
    }

    /**
     * Reads an image file as {@code cv2.imread} + BGR2RGB (format detected from the content, not the name).
     * Throws {@link MediaException} naming the file when it is missing, unreadable or not an image.
     */
    public static RgbImage read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new MediaException("cannot read image file " + file + ": " + e.getMessage(), e);
        }
        if (bytes.length == 0) {
            throw new MediaException("not a readable image: " + file + " (empty file)");
        }
        try (BytePointer data = new BytePointer(bytes);
             Mat buf = new Mat(1, bytes.length, opencv_core.CV_8UC1, data);
             Mat bgr = opencv_imgcodecs.imdecode(buf, opencv_imgcodecs.IMREAD_COLOR)) {
            if (bgr == null || bgr.empty()) {
                throw new MediaException("not a readable image: " + file + " (" + bytes.length + " bytes)");
            }
            byte[] pixels = new byte[bgr.cols() * bgr.rows() * 3];
            bgr.data().get(pixels);
            return RgbImage.fromBgr(bgr.cols(), bgr.rows(), pixels);
        }
    }
}
