package io.sadtalker.core.stage;

import io.sadtalker.core.FaceCoefficients;
import io.sadtalker.core.MelWindows;
import io.sadtalker.core.MotionCoefficients;

/** Audio to motion coefficients (Audio2Exp + Audio2Pose + blink + smoothing), as {@code Audio2Coeff.generate}. */
public interface Audio2Coeff {
    MotionCoefficients generate(MelWindows mel, FaceCoefficients source, Audio2CoeffOptions options);
}
