package io.sadtalker.audio.decode;

import io.sadtalker.core.MediaException;
import io.sadtalker.core.MediaLimits;
import io.sadtalker.core.media.FfmpegInput;
import io.sadtalker.core.stage.AudioDecoder;
import java.nio.Buffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * {@code librosa.core.load(path, sr=16000)} (librosa 0.9.2) through FFmpeg: any container/codec FFmpeg decodes
 * (wav 8/16/24/32-bit PCM and float, mp3, m4a/aac, flac, ogg, the audio track of a video), samples as float32
 * (int16 / 32768), channels averaged to mono in float32, then resampled to 16 kHz with {@code KaiserBestResampler}
 * (resampy {@code kaiser_best}, not FFmpeg's resampler). Decoding streams: the source is never held in memory.
 *
 * <p>Silent audio is valid (all-zero samples; its mel is the floor value -4 everywhere). Failures are
 * {@link MediaException}s naming the file: missing or unreadable file, no audio stream, undecodable data, a file
 * that ends before its declared length (truncated), audio shorter than one video frame (1/25 s). Stateless and safe
 * for concurrent calls. Only local files in the formats of {@link FfmpegInput} are opened; audio longer than
 * {@link MediaLimits#maxAudioSeconds()} (by its declared length, and again while decoding) and NaN or infinite
 * samples are refused.
 */
public final class FfmpegAudioDecoder implements AudioDecoder {
    public static final int TARGET_RATE = 16000;
    /** One video frame at 25 fps: the shortest audio SadTalker can animate. */
    public static final int MIN_SAMPLES = TARGET_RATE / 25;
    /** Highest source sample rate accepted (768 kHz, the highest in use). */
    public static final int MAX_SOURCE_RATE = 768_000;
    /**
     * Lowest source sample rate accepted (4 kHz, half the telephone rate): below it a recording carries no speech
     * band, and resampling to 16 kHz would turn a few bytes into minutes of samples (an 860-byte WAV at 64 Hz
     * declares 13 s).
     */
    public static final int MIN_SOURCE_RATE = 4_000;

    /** What a streamed decode read. */
    public record AudioInfo(int sourceRate, int channels, long sourceSamples, long samples16k) {
    }

    private final MediaLimits limits;

    /** A decoder within the {@link MediaLimits#defaults() default limits}. */
    public FfmpegAudioDecoder() {
        this(MediaLimits.defaults());
    }

    /** A decoder refusing audio longer than {@code limits.maxAudioSeconds()}. */
    public FfmpegAudioDecoder(MediaLimits limits) {
        this.limits = limits;
    }

    @Override
    public float[] decode16k(Path audio) {
        ChunkedSamples chunks = new ChunkedSamples();
        AudioInfo info = decode(audio, chunks);
        return chunks.toArray(Math.toIntExact(info.samples16k()));
    }

    /**
     * Decodes {@code audio} and hands the 16 kHz mono samples to {@code sink} block by block, holding only one
     * decoded frame and the resampler's filter span in memory.
     */
    public AudioInfo decode(Path audio, SampleSink sink) {
        if (!Files.isRegularFile(audio)) {
            throw new MediaException("audio file not found: " + audio);
        }
        FFmpegFrameGrabber grabber = FfmpegInput.grabber(audio);
        grabber.setSampleMode(FrameGrabber.SampleMode.FLOAT);
        FfmpegInput.start(grabber, audio);
        try (grabber) {
            limits.checkAudioSeconds(grabber.getLengthInTime() / 1e6, audio.toString());
            int channels = grabber.getAudioChannels();
            int rate = grabber.getSampleRate();
            if (channels <= 0 || rate <= 0) {
                throw new MediaException("no audio stream in " + audio);
            }
            if (rate < MIN_SOURCE_RATE || rate > MAX_SOURCE_RATE) {
                throw new MediaException(audio + ": sample rate " + rate + " Hz is not supported (" + MIN_SOURCE_RATE
                        + " to " + MAX_SOURCE_RATE + " Hz)");
            }
            KaiserBestResampler resampler = rate == TARGET_RATE ? null : new KaiserBestResampler(rate, TARGET_RATE);
            long[] outCount = new long[1];
            SampleSink counting = (s, off, len) -> {
                outCount[0] += len;
                sink.accept(s, off, len);
            };
            long sourceSamples = 0;
            float[] mono = new float[0];
            Frame frame;
            while ((frame = grab(grabber, audio)) != null) {
                if (frame.samples == null) {
                    continue;
                }
                int n = frameLength(frame.samples, channels);
                if (n > mono.length) {
                    mono = new float[n];
                }
                mixToMono(frame.samples, channels, n, mono);
                requireFinite(mono, n, sourceSamples, rate, audio);
                sourceSamples += n;
                if (sourceSamples > limits.maxAudioSeconds() * rate) {
                    limits.checkAudioSeconds((double) sourceSamples / rate, audio.toString());
                }
                if (resampler == null) {
                    counting.accept(mono, 0, n);
                } else {
                    resampler.push(mono, 0, n, counting);
                }
            }
            if (resampler != null) {
                resampler.finish(counting);
            }
            checkComplete(audio, grabber.getLengthInTime(), sourceSamples, rate);
            if (outCount[0] < MIN_SAMPLES) {
                throw new MediaException("audio file " + audio + " is too short: " + outCount[0]
                        + " samples at 16 kHz, at least " + MIN_SAMPLES + " (one video frame) are needed");
            }
            return new AudioInfo(rate, channels, sourceSamples, outCount[0]);
        } catch (FrameGrabber.Exception e) {
            throw new MediaException("cannot read audio file " + audio + ": " + e.getMessage(), e);
        }
    }

    /**
     * The next decoded frame. JavaCV's own failures on what FFmpeg decoded (a sample format it does not convert, such
     * as the 64-bit PCM a WAV declaring 60 bits per sample decodes to: an {@code assert false}, or with assertions
     * off a {@code NullPointerException}) are a MediaException naming the file too.
     */
    private static Frame grab(FFmpegFrameGrabber grabber, Path audio) {
        try {
            return grabber.grabSamples();
        } catch (FrameGrabber.Exception e) {
            throw new MediaException("corrupt or truncated audio in " + audio + ": " + e.getMessage(), e);
        } catch (RuntimeException | AssertionError e) {
            throw new MediaException("cannot decode the audio in " + audio + ": its decoded samples are in a form"
                    + " the converter does not take (" + e + ")", e);
        }
    }

    /** Samples per channel in one decoded frame (planar: one buffer per channel; packed: interleaved). */
    static int frameLength(Buffer[] planes, int channels) {
        return planes.length > 1 ? planes[0].limit() : planes[0].limit() / channels;
    }

    /**
     * Averages the channels of one decoded frame into {@code out} as {@code np.mean(y, axis=0)} in float32
     * (sequential sum, then division).
     */
    static void mixToMono(Buffer[] planes, int channels, int n, float[] out) {
        if (planes.length > 1) {
            for (int i = 0; i < n; i++) {
                float s = ((FloatBuffer) planes[0]).get(i);
                for (int c = 1; c < channels; c++) {
                    s += ((FloatBuffer) planes[c]).get(i);
                }
                out[i] = s / channels;
            }
        } else {
            FloatBuffer b = (FloatBuffer) planes[0];
            for (int i = 0; i < n; i++) {
                float s = b.get(i * channels);
                for (int c = 1; c < channels; c++) {
                    s += b.get(i * channels + c);
                }
                out[i] = s / channels;
            }
        }
    }

    /** Float audio may carry NaN or infinite samples: an input error, named with the time it occurs at. */
    private static void requireFinite(float[] mono, int n, long before, int rate, Path audio) {
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(mono[i])) {
                throw new MediaException(String.format(java.util.Locale.ROOT,
                        "audio file %s has a non-finite sample (%s) at %.3f s", audio, mono[i],
                        (double) (before + i) / rate));
            }
        }
    }

    /** A file that stops well before the length its header declares is truncated. */
    private static void checkComplete(Path audio, long declaredMicros, long samples, int rate) {
        if (declaredMicros <= 0) {
            return;
        }
        double declared = declaredMicros / 1e6;
        double decoded = (double) samples / rate;
        if (decoded < declared * 0.95 && declared - decoded > 0.1) {
            throw new MediaException(String.format("audio file %s is truncated: %.3f s decoded of %.3f s declared",
                    audio, decoded, declared));
        }
    }

    /** Collects 16 kHz blocks in fixed-size chunks, joined once at the end. */
    private static final class ChunkedSamples implements SampleSink {
        private static final int CHUNK = 1 << 16;
        private final List<float[]> chunks = new ArrayList<>();
        private int used = CHUNK;

        @Override
        public void accept(float[] samples, int offset, int length) {
            while (length > 0) {
                if (used == CHUNK) {
                    chunks.add(new float[CHUNK]);
                    used = 0;
                }
                int n = Math.min(length, CHUNK - used);
                System.arraycopy(samples, offset, chunks.get(chunks.size() - 1), used, n);
                used += n;
                offset += n;
                length -= n;
            }
        }

        /** The samples as one array; each chunk is let go once copied, so the signal is held about once. */
        float[] toArray(int total) {
            float[] all = new float[total];
            int pos = 0;
            for (int i = 0; i < chunks.size(); i++) {
                int n = Math.min(CHUNK, total - pos);
                System.arraycopy(chunks.get(i), 0, all, pos, n);
                chunks.set(i, null);
                pos += n;
            }
            chunks.clear();
            return all;
        }
    }
}
