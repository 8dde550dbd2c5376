package io.sadtalker.audio.mel;

/**
 * Hyper-parameters of SadTalker's {@code src/utils/hparams.py} used by {@code audio.melspectrogram} and
 * {@code get_data}; {@link #SADTALKER} holds the original values.
 */
public record MelConfig(int sampleRate, int nFft, int hopSize, int winSize, int numMels, double preemphasis,
                        double fmin, double fmax, double minLevelDb, double refLevelDb, double maxAbsValue,
                        int fps, int melStepSize) {
    /** The values of the original: 16 kHz, 800/200/800, 80 mels 55-7600 Hz, -100 dB, 20 dB, [-4, 4], 25 fps, 16 steps. */
    public static final MelConfig SADTALKER =
            new MelConfig(16000, 800, 200, 800, 80, 0.97, 55, 7600, -100, 20, 4.0, 25, 16);

    public MelConfig {
        if (nFft % 2 != 0) {
            throw new IllegalArgumentException("n_fft must be even, got " + nFft);
        }
        if (winSize != nFft) {
            throw new IllegalArgumentException("win_size must equal n_fft (" + winSize + " != " + nFft + ")");
        }
        if (fmax > sampleRate / 2.0 || fmin < 0 || fmin >= fmax) {
            throw new IllegalArgumentException("mel range " + fmin + ".." + fmax + " Hz invalid for " + sampleRate + " Hz");
        }
    }

    /** Audio samples per video frame ({@code sr / fps}, 640). */
    public int samplesPerFrame() {
        return sampleRate / fps;
    }
}
