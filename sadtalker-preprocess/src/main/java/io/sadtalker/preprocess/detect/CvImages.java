package io.sadtalker.preprocess.detect;

import io.sadtalker.core.image.CvResize;
import io.sadtalker.core.image.ImageFiles;
import io.sadtalker.core.image.RgbImage;
import java.nio.file.Path;

/**
 * The numpy slice {@code img[y1:y2, x1:x2]} that SadTalker's landmark step cuts the face with. {@link #read} and the
 * resizes only forward to core's {@link ImageFiles} / {@link CvResize} (the cv2 semantics live there).
 */
public final class CvImages {
    private CvImages() {
    }

    /** {@link CvResize#linear}. */
    public static RgbImage resizeLinear(RgbImage image, int width, int height) {
        return CvResize.linear(image, width, height);
    }

    /** {@link CvResize#area}. */
    public static RgbImage resizeArea(RgbImage image, int width, int height) {
        return CvResize.area(image, width, height);
    }

    /** {@link ImageFiles#read}: {@code cv2.imread} + BGR2RGB; a {@code MediaException} names an unreadable file. */
    public static RgbImage read(Path file) {
        return ImageFiles.read(file);
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
}
