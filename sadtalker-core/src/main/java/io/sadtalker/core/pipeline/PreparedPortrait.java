package io.sadtalker.core.pipeline;

import io.sadtalker.core.FaceCoefficients;
import io.sadtalker.core.Landmarks;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.CroppedFace;

/**
 * A portrait after preprocessing ({@code CropAndExtract.generate}): the full picture, its landmarks, the
 * cropped face and its 3DMM coefficients. Reuse it to animate the same portrait with many audios.
 * {@code landmarks} is null in {@code resize} mode (the whole picture is used); {@code cropLandmarks} is
 * {@link Landmarks#noFace()} where no face was found in the face picture (the 3DMM fit used the standard landmarks).
 */
public record PreparedPortrait(RgbImage original, Landmarks landmarks, CroppedFace cropped,
                               Landmarks cropLandmarks, FaceCoefficients coefficients) {
}
