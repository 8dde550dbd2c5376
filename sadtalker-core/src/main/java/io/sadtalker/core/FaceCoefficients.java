package io.sadtalker.core;

import java.util.Arrays;

/**
 * 3DMM coefficients of one or more frames, {@code frames x 73} ({@code coeff_3dmm}: 64 expression, 3 angles,
 * 3 translation, 3 crop values s/tx/ty), optionally with the full {@code frames x 257} regression output.
 */
public record FaceCoefficients(int frames, float[] coeff73, float[] full257) {
    /** Width of SadTalker's {@code coeff_3dmm} rows. */
    public static final int WIDTH = 73;
    /** Width of the raw ResNet-50 3DMM regression. */
    public static final int FULL_WIDTH = 257;

    public FaceCoefficients {
        if (frames <= 0 || coeff73.length != frames * WIDTH) {
            throw new InvalidInputException("expected " + frames + " x 73 coefficients, got " + coeff73.length);
        }
        if (full257 != null && full257.length != frames * FULL_WIDTH) {
            throw new InvalidInputException("expected " + frames + " x 257 coefficients, got " + full257.length);
        }
        coeff73 = coeff73.clone();
        full257 = full257 == null ? null : full257.clone();
    }

    @Override
    public float[] coeff73() {
        return coeff73.clone();
    }

    @Override
    public float[] full257() {
        return full257 == null ? null : full257.clone();
    }

    /** Row {@code frame} of {@code coeff_3dmm} (73 values). */
    public float[] frame(int frame) {
        return Arrays.copyOfRange(coeff73, frame * WIDTH, (frame + 1) * WIDTH);
    }
}
