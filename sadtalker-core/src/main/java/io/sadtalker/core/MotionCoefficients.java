package io.sadtalker.core;

import java.util.Arrays;

/** Audio-driven motion, {@code frames x 70}: 64 expression coefficients then 6 pose values (3 angles, 3 trans). */
public record MotionCoefficients(int frames, float[] data) {
    public static final int WIDTH = 70;

    public MotionCoefficients {
        if (frames <= 0 || data.length != frames * WIDTH) {
            throw new InvalidInputException("expected " + frames + " x 70 coefficients, got " + data.length);
        }
        for (float v : data) {
            if (!Float.isFinite(v)) {
                throw new InvalidInputException("motion coefficients must be finite, found " + v);
            }
        }
        data = data.clone();
    }

    @Override
    public float[] data() {
        return data.clone();
    }

    /** Row {@code frame} (70 values). */
    public float[] frame(int frame) {
        return Arrays.copyOfRange(data, frame * WIDTH, (frame + 1) * WIDTH);
    }
}
