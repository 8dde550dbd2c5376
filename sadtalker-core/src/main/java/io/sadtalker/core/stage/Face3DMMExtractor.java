package io.sadtalker.core.stage;

import io.sadtalker.core.FaceCoefficients;
import io.sadtalker.core.Landmarks;
import io.sadtalker.core.image.RgbImage;

/** 3DMM coefficients of a cropped face ({@code align_img} + the ResNet-50 regressor of {@code face_3drecon}). */
public interface Face3DMMExtractor {
    /** One frame of coefficients for {@code face}, given its 68 landmarks in {@code face}'s pixel frame. */
    FaceCoefficients extract(RgbImage face, Landmarks landmarks);
}
