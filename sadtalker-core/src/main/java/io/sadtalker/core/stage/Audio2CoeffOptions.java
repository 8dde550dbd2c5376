package io.sadtalker.core.stage;

import io.sadtalker.core.CancellationToken;
import io.sadtalker.core.InvalidInputException;
import io.sadtalker.core.FaceCoefficients;
import java.util.Random;

/**
 * Options of {@link Audio2Coeff}: pose style (0..45), optional reference eye-blink and pose coefficients (from
 * videos), and the two random inputs of the original made injectable: the blink ratio sequence ({@code null}:
 * drawn from {@code random}) and the CVAE noise ({@code random} draws Gaussian noise when {@code noise} is null);
 * {@code cancellation} is checked per network chunk (null: never cancelled).
 */
public record Audio2CoeffOptions(int poseStyle, FaceCoefficients refEyeBlink, FaceCoefficients refPose,
                                 float[] blinkRatio, NoiseSource noise, Random random,
                                 CancellationToken cancellation) {
    public Audio2CoeffOptions {
        if (poseStyle < 0 || poseStyle > 45) {
            throw new InvalidInputException("pose style must be in 0..45, got " + poseStyle);
        }
    }

    /** Pose style only, seeded randomness. */
    public static Audio2CoeffOptions of(int poseStyle, long seed) {
        return new Audio2CoeffOptions(poseStyle, null, null, null, null, new Random(seed), null);
    }

    /** Supplies the CVAE's Gaussian noise draws, {@code (batch, 64)} each, in draw order. */
    @FunctionalInterface
    public interface NoiseSource {
        float[] next(int batch, int dim);
    }
}
