package io.sadtalker.audio.decode;

import io.sadtalker.audio.mel.SadTalkerMelSpectrogram;
import java.nio.file.Path;

/**
 * Run in a child JVM with a small heap by {@link LongAudioTest}: streams a long file into one array of 16 kHz
 * samples and makes every mel window in blocks of 500 frames; prints what it made.
 */
public final class LongAudioMain {
    private LongAudioMain() {
    }

    public static void main(String[] args) {
        int capacity = Integer.parseInt(args[1]);
        float[] samples = new float[capacity];
        int[] n = {0};
        FfmpegAudioDecoder.AudioInfo info = new FfmpegAudioDecoder().decode(Path.of(args[0]), (s, off, len) -> {
            System.arraycopy(s, off, samples, n[0], len);
            n[0] += len;
        });
        if (n[0] != capacity) {
            throw new IllegalStateException("expected " + capacity + " samples, decoded " + n[0]);
        }
        SadTalkerMelSpectrogram mel = new SadTalkerMelSpectrogram();
        int frames = mel.videoFrames(n[0]);
        long values = 0;
        for (int first = 0; first < frames; first += 500) {
            values += mel.windows(samples, first, Math.min(500, frames - first)).data().length;
        }
        System.out.println("samples=" + info.samples16k() + " frames=" + frames + " values=" + values);
    }
}
