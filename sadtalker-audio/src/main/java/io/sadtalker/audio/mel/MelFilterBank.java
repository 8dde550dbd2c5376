package io.sadtalker.audio.mel;

/**
 * librosa 0.9.2 {@code filters.mel} with the defaults SadTalker uses: Slaney mel scale ({@code htk=False}), Slaney
 * area normalisation, float32 weights. The triangle weights are computed in float64, stored as float32, scaled by
 * the float64 normalisation and stored as float32 again, exactly as librosa's in-place {@code weights *= enorm}.
 */
final class MelFilterBank {
    private static final double F_SP = 200.0 / 3;
    private static final double MIN_LOG_HZ = 1000.0;
    private static final double MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
    private static final double LOG_STEP = Math.log(6.4) / 27.0;

    /** Per band: first non-zero FFT bin. */
    final int[] start;
    /** Per band: the non-zero weights (float32 values widened to double). */
    final double[][] weights;

    private MelFilterBank(int[] start, double[][] weights) {
        this.start = start;
        this.weights = weights;
    }

    static MelFilterBank slaney(int sampleRate, int nFft, int nMels, double fmin, double fmax) {
        int bins = 1 + nFft / 2;
        double[] fftFreqs = linspace(0, sampleRate / 2.0, bins);
        double[] melF = linspace(hzToMel(fmin), hzToMel(fmax), nMels + 2);
        for (int i = 0; i < melF.length; i++) {
            melF[i] = melToHz(melF[i]);
        }
        int[] start = new int[nMels];
        double[][] weights = new double[nMels][];
        for (int m = 0; m < nMels; m++) {
            double lowerDiff = melF[m + 1] - melF[m];
            double upperDiff = melF[m + 2] - melF[m + 1];
            double enorm = 2.0 / (melF[m + 2] - melF[m]);
            float[] row = new float[bins];
            int first = -1;
            int last = -1;
            for (int k = 0; k < bins; k++) {
                double lower = -(melF[m] - fftFreqs[k]) / lowerDiff;
                double upper = (melF[m + 2] - fftFreqs[k]) / upperDiff;
                float w = (float) Math.max(0, Math.min(lower, upper));
                row[k] = (float) (w * enorm);
                if (row[k] != 0) {
                    last = k;
                    if (first < 0) {
                        first = k;
                    }
                }
            }
            start[m] = Math.max(first, 0);
            double[] nz = new double[first < 0 ? 0 : last - first + 1];
            for (int k = 0; k < nz.length; k++) {
                nz[k] = row[first + k];
            }
            weights[m] = nz;
        }
        return new MelFilterBank(start, weights);
    }

    /** Mel energies of one magnitude spectrum ({@code np.dot(mel_basis, S)} for one column). */
    void apply(double[] magnitude, double[] out) {
        for (int m = 0; m < weights.length; m++) {
            double[] w = weights[m];
            int s = start[m];
            double acc = 0;
            for (int k = 0; k < w.length; k++) {
                acc += w[k] * magnitude[s + k];
            }
            out[m] = acc;
        }
    }

    static double hzToMel(double hz) {
        return hz >= MIN_LOG_HZ ? MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOG_STEP : hz / F_SP;
    }

    static double melToHz(double mel) {
        return mel >= MIN_LOG_MEL ? MIN_LOG_HZ * Math.exp(LOG_STEP * (mel - MIN_LOG_MEL)) : F_SP * mel;
    }

    /** {@code np.linspace(a, b, n)}: {@code i * step + a}, last element exactly {@code b}. */
    static double[] linspace(double a, double b, int n) {
        double step = (b - a) / (n - 1);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = i * step + a;
        }
        y[n - 1] = b;
        return y;
    }
}
