package io.sadtalker.render;

import ai.djl.ndarray.NDArray;
import io.sadtalker.core.CropInfo;
import io.sadtalker.core.image.CvResize;
import io.sadtalker.core.image.ImageTensors;
import io.sadtalker.core.image.RgbImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The frame conversion of {@code AnimateFromCoeff.generate}: generator predictions (RGB float in [0, 1]) to
 * 8-bit frames with skimage {@code img_as_ubyte} ({@code rint(x * 255)}, round half to even, clipped), then each
 * frame resized with cv2 INTER_LINEAR to {@code (size, int(size * h / w))}, {@code (w, h) = crop_info[0]}, so the
 * video keeps the crop's aspect ratio.
 */
public final class PredictionFrames {
    private PredictionFrames() {
    }

    /** Width and height of the output frames: {@code (size, int(size * h / w))}, or square without crop info. */
    public static int[] frameSize(CropInfo crop, int size) {
        if (crop == null) {
            return new int[] {size, size};
        }
        if (crop.cropWidth() <= 0 || crop.cropHeight() <= 0) {
            throw new IllegalArgumentException("crop size must be positive, got " + crop.cropWidth() + "x"
                    + crop.cropHeight());
        }
        return new int[] {size, (int) ((double) size * crop.cropHeight() / crop.cropWidth())};
    }

    /** Converts {@code predictions} {@code (N, 3, S, S)} to {@code N} frames of {@link #frameSize}. */
    public static List<RgbImage> toFrames(NDArray predictions, CropInfo crop, int size) {
        int[] wh = frameSize(crop, size);
        List<RgbImage> frames = ImageTensors.fromNchwFloat(predictions);
        List<RgbImage> out = new ArrayList<>(frames.size());
        for (RgbImage frame : frames) {
            out.add(CvResize.linear(frame, wh[0], wh[1]));
        }
        return out;
    }
}
