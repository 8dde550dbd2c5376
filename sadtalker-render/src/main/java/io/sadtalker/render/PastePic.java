package io.sadtalker.render;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_photo.NORMAL_CLONE;
import static org.bytedeco.opencv.global.opencv_photo.seamlessClone;

import io.sadtalker.core.CropInfo;
import io.sadtalker.core.SadTalkerException;
import io.sadtalker.core.image.CvResize;
import io.sadtalker.core.image.OpenCvImages;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.FacePaster;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * {@code paste_pic} of {@code src/utils/paste_pic.py}: each animated frame is resized (cv2 INTER_LINEAR) to the
 * box it came from and blended into the full picture with {@code cv2.seamlessClone(..., NORMAL_CLONE)} and an
 * all-white mask, centred on {@code ((ox1+ox2)//2, (oy1+oy2)//2)}. The box is the crop box {@code (clx, cly, crx,
 * cry)} for extended crops ({@code extcrop}/{@code extfull}), otherwise the face quad {@code int(lx..ry)} shifted
 * by {@code (clx, cly)}. Works in memory (the original re-reads the lossy mp4 first). Stateless and thread-safe.
 */
final class PastePic implements FacePaster {
    /** The target box in the full picture: {@code x1, y1, x2, y2} as the original's {@code ox1, oy1, ox2, oy2}. */
    public record Box(int x1, int y1, int x2, int y2) {
        public int width() {
            return x2 - x1;
        }

        public int height() {
            return y2 - y1;
        }
    }

    /** The box a frame is pasted into; Python's {@code int()} truncates the float quad toward zero. */
    public static Box box(CropInfo crop, boolean extended) {
        if (extended) {
            return new Box(crop.clx(), crop.cly(), crop.crx(), crop.cry());
        }
        int lx = (int) crop.lx();
        int ly = (int) crop.ly();
        int rx = (int) crop.rx();
        int ry = (int) crop.ry();
        return new Box(crop.clx() + lx, crop.cly() + ly, crop.clx() + rx, crop.cly() + ry);
    }

    @Override
    public RgbImage paste(RgbImage frame, RgbImage full, CropInfo cropInfo, boolean extended) {
        Box box = box(cropInfo, extended);
        if (box.width() <= 0 || box.height() <= 0) {
            throw new SadTalkerException("paste box " + box + " from " + cropInfo + " is empty");
        }
        RgbImage resized = CvResize.linear(frame, box.width(), box.height());
        try (Mat src = OpenCvImages.toBgrMat(resized);
             Mat dst = OpenCvImages.toBgrMat(full);
             Scalar white = new Scalar(255, 255, 255, 0);
             Mat mask = new Mat(box.height(), box.width(), CV_8UC3, white);
             Point centre = new Point(Math.floorDiv(box.x1() + box.x2(), 2), Math.floorDiv(box.y1() + box.y2(), 2));
             Mat blend = new Mat()) {
            try {
                seamlessClone(src, dst, mask, centre, blend, NORMAL_CLONE);
            } catch (RuntimeException e) {
                throw new SadTalkerException("cannot paste the " + box.width() + "x" + box.height() + " face at " + box
                        + " into the " + full.width() + "x" + full.height() + " picture (the box must lie inside it): "
                        + e.getMessage(), e);
            }
            return OpenCvImages.fromBgrMat(blend);
        }
    }
}
