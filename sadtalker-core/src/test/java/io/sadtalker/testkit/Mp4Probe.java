package io.sadtalker.testkit;

import java.nio.ShortBuffer;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * What a written video holds, read back with FFmpeg: codec, frame rate, size, audio format, and the number of
 * decoded pictures and audio samples per channel.
 */
public record Mp4Probe(String videoCodec, double frameRate, int width, int height, int sampleRate, int audioChannels,
                       int pictures, long samplesPerChannel) {

    /** Decodes every frame of {@code video}. */
    public static Mp4Probe read(Path video) throws FrameGrabber.Exception {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toFile())) {
            g.setSampleMode(FrameGrabber.SampleMode.SHORT);
            g.start();
            int pictures = 0;
            long samples = 0;
            Frame f;
            while ((f = g.grab()) != null) {
                if (f.image != null) {
                    pictures++;
                }
                if (f.samples != null) {
                    samples += ((ShortBuffer) f.samples[0]).remaining() / g.getAudioChannels();
                }
            }
            return new Mp4Probe(g.getVideoCodecName(), g.getFrameRate(), g.getImageWidth(), g.getImageHeight(),
                    g.getSampleRate(), g.getAudioChannels(), pictures, samples);
        }
    }
}
