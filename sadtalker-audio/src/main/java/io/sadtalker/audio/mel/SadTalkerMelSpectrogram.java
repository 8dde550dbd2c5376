package io.sadtalker.audio.mel;

import io.sadtalker.core.MediaException;
import io.sadtalker.core.MelWindows;
import io.sadtalker.core.stage.MelSpectrogram;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * SadTalker's {@code audio.melspectrogram} and {@code get_data} windows, all in float64 until the result is stored:
 * pre-emphasis ({@code lfilter([1, -0.97], [1])}), librosa 0.9 {@code stft} (centre padding with zeros, periodic
 * Hann, JTransforms FFT), |STFT|, Slaney mel basis, {@code 20 log10(max(1e-5, x)) - ref_level_db}, symmetric
 * normalisation to [-4, 4] with clipping.
 *
 * <p>Frames are computed independently, so {@link #windows(float[], int, int)} yields any range of video frames
 * without the mel of the whole clip (bounded memory for long audio). Immutable and safe for concurrent calls.
 */
public final class SadTalkerMelSpectrogram implements MelSpectrogram {
    private final MelConfig config;
    private final MelFilterBank filterBank;
    private final double[] window;
    private final double minLevel;

    public SadTalkerMelSpectrogram() {
        this(MelConfig.SADTALKER);
    }

    public SadTalkerMelSpectrogram(MelConfig config) {
        this.config = config;
        this.filterBank = MelFilterBank.slaney(config.sampleRate(), config.nFft(), config.numMels(), config.fmin(),
                config.fmax());
        int n = config.winSize();
        this.window = new double[n];
        for (int i = 0; i < n; i++) {
            window[i] = 0.5 - 0.5 * Math.cos(2.0 * Math.PI * i / n);
        }
        this.minLevel = Math.exp(config.minLevelDb() / 20 * Math.log(10));
    }

    public MelConfig config() {
        return config;
    }

    /** Number of STFT frames of {@code samples} samples ({@code 1 + len // hop}). */
    public int frameCount(int samples) {
        return 1 + samples / config.hopSize();
    }

    /** Video frames of {@code samples} samples: {@code int(len / 640)}. */
    public int videoFrames(int samples) {
        return samples / config.samplesPerFrame();
    }

    /** {@code melspectrogram(wav).T}: {@code frames x 80}, row-major. */
    public float[] melspectrogram(float[] wav) {
        return melFrames(wav, wav.length, 0, frameCount(wav.length));
    }

    /**
     * Mel frames {@code [from, to)} of the first {@code length} samples of {@code wav} (the rest treated as absent),
     * {@code (to - from) x 80} row-major.
     */
    public float[] melFrames(float[] wav, int length, int from, int to) {
        int mels = config.numMels();
        float[] out = new float[(to - from) * mels];
        Frame frame = new Frame();
        for (int f = from; f < to; f++) {
            frame.compute(wav, length, f);
            for (int m = 0; m < mels; m++) {
                out[(f - from) * mels + m] = (float) frame.mel[m];
            }
        }
        return out;
    }

    @Override
    public MelWindows windows(float[] samples16k) {
        int frames = videoFrames(samples16k.length);
        if (frames <= 0) {
            throw new MediaException("audio of " + samples16k.length + " samples is shorter than one video frame ("
                    + config.samplesPerFrame() + " samples at " + config.sampleRate() + " Hz)");
        }
        return windows(samples16k, 0, frames);
    }

    /**
     * Windows of video frames {@code [first, first + count)} exactly as {@code get_data} makes them for the whole
     * clip: the wav cut to {@code T * 640} samples, window start {@code int(80 * ((i - 2) / 25))} (truncation toward
     * zero), mel indices clamped to the clip's mel frames.
     */
    public MelWindows windows(float[] samples16k, int first, int count) {
        int frames = videoFrames(samples16k.length);
        if (first < 0 || count <= 0 || first + count > frames) {
            throw new IllegalArgumentException("frames [" + first + ", " + (first + count) + ") outside 0.." + frames);
        }
        int length = frames * config.samplesPerFrame();
        int nMel = frameCount(length);
        int steps = config.melStepSize();
        int mels = config.numMels();
        int lo = clamp(startIndex(first), nMel);
        int hi = clamp(startIndex(first + count - 1) + steps - 1, nMel) + 1;
        float[] mel = melFrames(samples16k, length, lo, hi);
        float[] data = new float[count * mels * steps];
        for (int i = 0; i < count; i++) {
            int start = startIndex(first + i);
            int base = i * mels * steps;
            for (int s = 0; s < steps; s++) {
                int row = clamp(start + s, nMel) - lo;
                for (int m = 0; m < mels; m++) {
                    data[base + m * steps + s] = mel[row * mels + m];
                }
            }
        }
        return new MelWindows(count, data);
    }

    /** {@code int(80. * ((i - 2) / float(fps)))} (80 mel frames per second); Python {@code int()} truncates toward zero. */
    private int startIndex(int videoFrame) {
        double melFramesPerSecond = (double) config.sampleRate() / config.hopSize();
        return (int) (melFramesPerSecond * ((videoFrame - 2) / (double) config.fps()));
    }

    private static int clamp(int index, int n) {
        return Math.min(Math.max(index, 0), n - 1);
    }

    /** Scratch buffers of one STFT frame (one per call: the class stays thread-safe). */
    private final class Frame {
        final double[] buffer = new double[config.nFft()];
        final double[] magnitude = new double[config.nFft() / 2 + 1];
        final double[] mel = new double[config.numMels()];
        final DoubleFFT_1D fft = new DoubleFFT_1D(config.nFft());

        void compute(float[] wav, int length, int frameIndex) {
            int n = config.nFft();
            int begin = frameIndex * config.hopSize() - n / 2;
            double k = config.preemphasis();
            for (int i = 0; i < n; i++) {
                int t = begin + i;
                double y = 0;
                if (t >= 0 && t < length) {
                    y = t == 0 ? wav[0] : wav[t] + -k * wav[t - 1];
                }
                buffer[i] = y * window[i];
            }
            fft.realForward(buffer);
            magnitude[0] = Math.abs(buffer[0]);
            magnitude[n / 2] = Math.abs(buffer[1]);
            for (int b = 1; b < n / 2; b++) {
                magnitude[b] = Math.hypot(buffer[2 * b], buffer[2 * b + 1]);
            }
            filterBank.apply(magnitude, mel);
            double max = config.maxAbsValue();
            double minDb = config.minLevelDb();
            for (int m = 0; m < mel.length; m++) {
                double db = 20 * Math.log10(Math.max(minLevel, mel[m])) - config.refLevelDb();
                double v = (2 * max) * ((db - minDb) / (-minDb)) - max;
                mel[m] = Math.min(Math.max(v, -max), max);
            }
        }
    }
}
