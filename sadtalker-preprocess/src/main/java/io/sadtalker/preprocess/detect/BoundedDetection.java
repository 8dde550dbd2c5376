package io.sadtalker.preprocess.detect;

import io.sadtalker.core.FaceBox;
import io.sadtalker.core.image.CvResize;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.FaceDetector;
import java.util.ArrayList;
import java.util.List;

/**
 * Face detection whose working memory is bounded by the picture size it runs at: a picture whose longer side
 * exceeds {@code maxSide} is detected on a copy scaled down to that side ({@code cv2.INTER_AREA}) and the boxes and
 * five landmarks are scaled back to the full picture; a picture within the bound is detected as it is (the
 * original's {@code use_origin_size=True}). RetinaFace's activations grow with the pixel count (a 4000×3000 phone
 * photo needs over 24 GB at full size).
 */
final class BoundedDetection {
    private BoundedDetection() {
    }

    /** {@code detector}'s faces in {@code image} coordinates, detected at most {@code maxSide} pixels wide/high. */
    public static List<FaceBox> detect(FaceDetector detector, RgbImage image, int maxSide) {
        int longer = Math.max(image.width(), image.height());
        if (longer <= maxSide) {
            return detector.detect(image);
        }
        double scale = (double) maxSide / longer;
        int w = Math.max(1, (int) Math.round(image.width() * scale));
        int h = Math.max(1, (int) Math.round(image.height() * scale));
        List<FaceBox> small = detector.detect(CvResize.area(image, w, h));
        float sx = (float) image.width() / w;
        float sy = (float) image.height() / h;
        List<FaceBox> full = new ArrayList<>(small.size());
        for (FaceBox f : small) {
            float[] five = f.landmarks5();
            for (int i = 0; i < five.length; i += 2) {
                five[i] *= sx;
                five[i + 1] *= sy;
            }
            full.add(new FaceBox(f.x1() * sx, f.y1() * sy, f.x2() * sx, f.y2() * sy, f.score(), five));
        }
        return full;
    }
}
