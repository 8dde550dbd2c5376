package io.sadtalker.core.stage;

import io.sadtalker.core.Landmarks;
import io.sadtalker.core.Preprocess;
import io.sadtalker.core.image.RgbImage;

/** SadTalker's crop ({@code Preprocesser.crop} + the mode handling of {@code CropAndExtract.generate}). */
public interface FaceCropper {
    /**
     * Crops {@code image} around the face whose 68 full-image landmarks are {@code landmarks} and returns the
     * {@code size x size} face picture with its crop info.
     */
    CroppedFace crop(RgbImage image, Landmarks landmarks, Preprocess mode, int size);
}
