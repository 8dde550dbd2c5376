package io.sadtalker.audio.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 10-minute 22.05 kHz file decodes, resamples and windows in a JVM whose heap (-Xmx64m) holds the 16 kHz samples
 * (38 MB) but not a second copy of them, nor the source, nor the mel windows of the whole clip (77 MB).
 */
class LongAudioTest {
    @TempDir
    Path tmp;

    @Test
    void tenMinutesStreamInABoundedHeap() throws IOException, InterruptedException {
        Path file = tmp.resolve("ten-minutes.wav");
        long frames = 600L * 22050;
        WavWriter.write(file, WavWriter.Format.S16, 22050, 1, frames, frames, i -> 0.3 * Math.sin(i * 0.0627));
        int expected = 600 * 16000;
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", System.getProperty("java.class.path"), LongAudioMain.class.getName(),
                file.toString(), Integer.toString(expected)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("samples=" + expected + " frames=15000 values=" + 15000L * 80 * 16);
    }
}
