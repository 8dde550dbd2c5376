package io.sadtalker.audio.decode;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;

/** Writes a mono 440 Hz tone of amplitude 0.5 with an FFmpeg audio encoder (test input for compressed formats). */
final class Encoded {
    private Encoded() {
    }

    static void write(Path file, String codec, int rate, int samples) {
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), 1)) {
            r.setAudioCodecName(codec);
            r.setSampleRate(rate);
            r.setAudioChannels(1);
            r.setAudioBitrate(128000);
            r.setSampleFormat(codec.equals("flac") ? avutil.AV_SAMPLE_FMT_S16 : avutil.AV_SAMPLE_FMT_FLTP);
            r.start();
            float[] tone = new float[samples];
            for (int i = 0; i < samples; i++) {
                tone[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / rate));
            }
            r.recordSamples(rate, 1, FloatBuffer.wrap(tone));
            r.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IllegalStateException("cannot encode " + file + " with " + codec, e);
        }
    }
}
