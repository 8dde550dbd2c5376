package io.sadtalker.core.pipeline;

import io.sadtalker.core.FaceCoefficients;
import io.sadtalker.core.Landmarks;
import io.sadtalker.core.Preprocess;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.CroppedFace;

/**
 * A portrait after preprocessing ({@code CropAndExtract.generate}): the full picture, its landmarks, the
 * cropped face and its 3DMM coefficients. Reuse it to animate the same portrait with many audios.
 */
public record PreparedPortrait(RgbImage original, Landmarks landmarks, CroppedFace cropped,
                               Landmarks cropLandmarks, FaceCoefficients coefficients, Preprocess preprocess,
                               int size) {
}
