package io.sadtalker.core;

/**
 * Mel-spectrogram windows, one per video frame at 25 fps, as SadTalker's {@code get_data} makes them:
 * {@code frames x 80 mel bins x 16 mel steps}, row-major.
 */
public record MelWindows(int frames, float[] data) {
    public static final int MEL_BINS = 80;
    public static final int STEPS = 16;

    public MelWindows {
        if (frames <= 0 || data.length != (long) frames * MEL_BINS * STEPS) {
            throw new InvalidInputException("expected " + frames + " x 80 x 16 values, got " + data.length);
        }
        data = data.clone();
    }

    @Override
    public float[] data() {
        return data.clone();
    }
}
