package io.sadtalker.benchmarks;

import io.sadtalker.audio.mel.SadTalkerMelSpectrogram;
import io.sadtalker.core.MelWindows;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** SadTalker's mel spectrogram and per-frame windows on 10 s of 16 kHz audio (one operation = 10 s of audio). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class MelBenchmark {
    private final SadTalkerMelSpectrogram mel = new SadTalkerMelSpectrogram();
    private float[] samples;

    @Setup
    public void audio() {
        Random random = new Random(3);
        samples = new float[160_000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (0.3 * Math.sin(i * 0.05) + 0.05 * random.nextGaussian());
        }
    }

    @Benchmark
    public MelWindows tenSeconds() {
        return mel.windows(samples);
    }
}
