package io.sadtalker.audio.decode;

/**
 * Streaming port of the resampler librosa 0.9.2 calls by default ({@code res_type='kaiser_best'}):
 * {@code resampy.resample} (resampy 0.3/0.4, the version the reference fixtures were made with) and its
 * {@code kaiser_best} windowed-sinc table: 50 zero crossings, 8192 table entries per crossing, roll-off
 * 0.9173473712608761, Kaiser window beta 12.984585247040004 (recovered from the shipped table, which this
 * reproduces to 1e-15). Linear interpolation between table entries, the table scaled by the rate ratio when
 * downsampling, output times {@code t / ratio}, float32 accumulation of every tap, output length
 * {@code int(n * sr_new / sr_orig)}, then librosa's {@code fix_length} to {@code ceil(n * ratio)} (zero padding).
 * (resampy 0.2.2 had a different table: 64 zero crossings, 512 per crossing, roll-off 0.9475937167399596.)
 *
 * <p>Input arrives in blocks ({@link #push}); only the filter span of input samples is kept, so memory does not
 * grow with the length of the audio. Not thread-safe: one instance per stream.
 */
final class KaiserBestResampler {
    static final int NUM_ZEROS = 50;
    static final int NUM_TABLE = 8192;
    static final double ROLLOFF = 0.9173473712608761;
    static final double BETA = 12.984585247040004;

    private static final double[] KAISER_BEST = kaiserBestTable();

    private final int sourceRate;
    private final int targetRate;
    private final double ratio;
    private final double scale;
    private final double timeIncrement;
    private final int indexStep;
    private final double[] win;
    private final double[] delta;
    /** Input samples a single output may reach on either side. */
    private final int reach;

    private float[] buffer = new float[8192];
    /** Absolute input index of {@code buffer[0]}. */
    private long bufferStart;
    private int bufferLength;
    private long inputCount;
    private long outputCount;
    private final float[] out = new float[4096];
    private int outLength;

    public KaiserBestResampler(int sourceRate, int targetRate) {
        if (sourceRate <= 0 || targetRate <= 0) {
            throw new IllegalArgumentException("invalid sample rates " + sourceRate + " -> " + targetRate);
        }
        this.sourceRate = sourceRate;
        this.targetRate = targetRate;
        this.ratio = (double) targetRate / sourceRate;
        this.scale = Math.min(1.0, ratio);
        this.timeIncrement = 1.0 / ratio;
        this.indexStep = (int) (scale * NUM_TABLE);
        this.win = KAISER_BEST.clone();
        if (ratio < 1) {
            for (int i = 0; i < win.length; i++) {
                win[i] *= ratio;
            }
        }
        this.delta = new double[win.length];
        for (int i = 0; i + 1 < win.length; i++) {
            delta[i] = win[i + 1] - win[i];
        }
        this.reach = win.length / indexStep + 2;
    }

    /** Feeds {@code length} input samples; emits every output sample whose taps are all available. */
    public void push(float[] samples, int offset, int length, SampleSink sink) {
        ensureCapacity(bufferLength + length);
        System.arraycopy(samples, offset, buffer, bufferLength, length);
        bufferLength += length;
        inputCount += length;
        long limit = outputLength(inputCount);
        while (outputCount < limit && (long) time(outputCount) + 1 + reach < inputCount) {
            emit(computeNext(Long.MAX_VALUE), sink);
        }
        flush(sink);
        discardConsumed();
    }

    /** Ends the stream: the remaining outputs ({@code int(n * sr_new / sr_orig)} in all) and librosa's length fix. */
    public void finish(SampleSink sink) {
        long total = outputLength(inputCount);
        while (outputCount < total) {
            emit(computeNext(inputCount), sink);
        }
        long fixed = (long) Math.ceil(inputCount * ratio);
        while (outputCount < fixed) {
            emit(0f, sink);
        }
        flush(sink);
    }

    /** Output samples produced so far. */
    public long outputCount() {
        return outputCount;
    }

    /** resampy's output length {@code int(n * float(sr_new) / float(sr_orig))}. */
    private long outputLength(long n) {
        return (long) (n * (double) targetRate / sourceRate);
    }

    /** Input time of output {@code t}: {@code np.arange(n_out) * (1 / ratio)}. */
    private double time(long t) {
        return t * timeIncrement;
    }

    /** One output sample; {@code nOrig} bounds the right wing (the stream length once known). */
    private float computeNext(long nOrig) {
        double timeRegister = time(outputCount);
        long n = (long) timeRegister;
        double frac = scale * (timeRegister - n);
        double indexFrac = frac * NUM_TABLE;
        int offset = (int) indexFrac;
        double eta = indexFrac - offset;
        long iMax = Math.min(n + 1, (win.length - offset) / indexStep);
        float y = 0f;
        int base = (int) (n - bufferStart);
        for (int i = 0; i < iMax; i++) {
            int j = offset + i * indexStep;
            double weight = win[j] + eta * delta[j];
            y = (float) (y + weight * buffer[base - i]);
        }
        frac = scale - frac;
        indexFrac = frac * NUM_TABLE;
        offset = (int) indexFrac;
        eta = indexFrac - offset;
        long kMax = Math.min(nOrig - n - 1, (win.length - offset) / indexStep);
        for (int k = 0; k < kMax; k++) {
            int j = offset + k * indexStep;
            double weight = win[j] + eta * delta[j];
            y = (float) (y + weight * buffer[base + k + 1]);
        }
        return y;
    }

    private void emit(float value, SampleSink sink) {
        out[outLength++] = value;
        outputCount++;
        if (outLength == out.length) {
            flush(sink);
        }
    }

    private void flush(SampleSink sink) {
        if (outLength > 0) {
            sink.accept(out, 0, outLength);
            outLength = 0;
        }
    }

    private void discardConsumed() {
        long keepFrom = Math.max(bufferStart, (long) time(outputCount) - reach);
        int drop = (int) (keepFrom - bufferStart);
        if (drop > buffer.length / 2) {
            System.arraycopy(buffer, drop, buffer, 0, bufferLength - drop);
            bufferLength -= drop;
            bufferStart = keepFrom;
        }
    }

    private void ensureCapacity(int needed) {
        if (needed > buffer.length) {
            float[] grown = new float[Math.max(needed, buffer.length * 2)];
            System.arraycopy(buffer, 0, grown, 0, bufferLength);
            buffer = grown;
        }
    }

    /**
     * resampy's {@code sinc_window(num_zeros=50, precision=13, window=kaiser(beta), rolloff)}: the right wing
     * {@code rolloff * sinc(rolloff * t) * kaiser(t)} at {@code t = i / 8192}, i = 0..409600.
     */
    static double[] kaiserBestTable() {
        int n = NUM_ZEROS * NUM_TABLE;
        double[] table = new double[n + 1];
        double i0Beta = besselI0(BETA);
        double step = (double) NUM_ZEROS / n;
        for (int i = 0; i <= n; i++) {
            double x = ROLLOFF * (i * step);
            double y = Math.PI * (x == 0 ? 1.0e-20 : x);
            double sinc = ROLLOFF * (Math.sin(y) / y);
            double r = (double) i / n;
            double taper = besselI0(BETA * Math.sqrt(1 - r * r)) / i0Beta;
            table[i] = taper * sinc;
        }
        return table;
    }

    /** Modified Bessel function of the first kind, order 0, by its power series (converges fast for x < 30). */
    static double besselI0(double x) {
        double q = x * x / 4;
        double term = 1;
        double sum = 1;
        for (int k = 1; k < 200 && term > sum * 1e-18; k++) {
            term *= q / ((double) k * k);
            sum += term;
        }
        return sum;
    }
}
