package io.sadtalker.preprocess.crop;

import io.sadtalker.core.CropInfo;
import io.sadtalker.core.Landmarks;
import io.sadtalker.core.Preprocess;
import io.sadtalker.core.image.CvResize;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.CroppedFace;
import io.sadtalker.core.stage.FaceCropper;

/**
 * The crop part of SadTalker's {@code CropAndExtract.generate} ({@code src/utils/preprocess.py}): crop / full use
 * {@code Preprocesser.crop(still=False, xsize=512)}, extcrop / extfull {@code still=True}, resize keeps the whole
 * picture; the face picture is {@code cv2.resize(frame, (size, size))} (INTER_LINEAR).
 *
 * <p>In resize mode the original's {@code crop_info} is {@code ((w, h), None, None)}; here the crop box and the quad
 * are the whole picture {@code (0, 0, w, h)}. Stateless and safe for concurrent use.
 */
public final class SadTalkerFaceCropper implements FaceCropper {
    /** {@code xsize} that {@code CropAndExtract.generate} always passes to {@code Preprocesser.crop}. */
    public static final int XSIZE = 512;

    @Override
    public CroppedFace crop(RgbImage image, Landmarks landmarks, Preprocess mode, int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("face size must be positive, got " + size);
        }
        RgbImage frame;
        CropInfo info;
        if (mode == Preprocess.RESIZE) {
            frame = image;
            int w = image.width();
            int h = image.height();
            info = new CropInfo(w, h, 0, 0, w, h, 0, 0, w, h);
        } else {
            boolean still = mode == Preprocess.EXTCROP || mode == Preprocess.EXTFULL;
            Croper.Result r = Croper.crop(image, landmarks, still, XSIZE);
            frame = r.cropped();
            info = cropInfo(r.alignment());
        }
        return new CroppedFace(CvResize.linear(frame, size, size), info);
    }

    /** {@code crop_info = ((ox2 - ox1, oy2 - oy1), crop, quad)} with {@code int()} of the quad for the size. */
    static CropInfo cropInfo(FaceAlignment a) {
        int ox1 = a.clx() + (int) a.lx();
        int ox2 = a.clx() + (int) a.rx();
        int oy1 = a.cly() + (int) a.ly();
        int oy2 = a.cly() + (int) a.ry();
        return new CropInfo(ox2 - ox1, oy2 - oy1, a.clx(), a.cly(), a.crx(), a.cry(), a.lx(), a.ly(), a.rx(), a.ry());
    }
}
