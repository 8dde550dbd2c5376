package io.sadtalker.core.pipeline;

import io.sadtalker.core.InvalidInputException;
import io.sadtalker.core.MediaException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * Speech held in memory: an encoded file's bytes (wav, mp3, m4a, flac, ogg) or mono PCM samples with their rate.
 * The audio decoder and the mp4 muxer read files, so a generation writes it to a temporary file first
 * ({@link #writeTo}); PCM samples are stored as 16-bit WAV, the precision of the speech files SadTalker reads.
 */
public final class InMemoryAudio {
    private final byte[] encoded;
    private final float[] samples;
    private final int sampleRate;

    private InMemoryAudio(byte[] encoded, float[] samples, int sampleRate) {
        this.encoded = encoded;
        this.samples = samples;
        this.sampleRate = sampleRate;
    }

    /** The bytes of an audio file, as read from disk or an upload. */
    public static InMemoryAudio encoded(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidInputException("the audio bytes are empty");
        }
        return new InMemoryAudio(bytes.clone(), null, 0);
    }

    /** Mono samples in [-1, 1] at {@code sampleRate} Hz (resampled to 16 kHz like a file of that rate). */
    public static InMemoryAudio pcm(float[] samples, int sampleRate) {
        if (samples == null || samples.length == 0) {
            throw new InvalidInputException("the PCM audio has no samples");
        }
        if (sampleRate <= 0) {
            throw new InvalidInputException("the PCM sample rate must be positive, got " + sampleRate);
        }
        return new InMemoryAudio(null, samples.clone(), sampleRate);
    }

    /** Writes the audio to {@code file} in a form the decoder reads (the bytes as given, or a 16-bit WAV). */
    public void writeTo(Path file) {
        try {
            if (encoded != null) {
                Files.write(file, encoded);
                return;
            }
            ByteBuffer pcm16 = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (float sample : samples) {
                pcm16.putShort((short) Math.max(-32768, Math.min(32767, Math.round(sample * 32768f))));
            }
            AudioFormat format = new AudioFormat(sampleRate, 16, 1, true, false);
            try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm16.array()), format,
                    samples.length)) {
                AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
            }
        } catch (IOException e) {
            throw new MediaException("cannot write the in-memory audio to " + file + ": " + e.getMessage(), e);
        }
    }
}
