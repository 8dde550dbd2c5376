package io.sadtalker.benchmarks;

import io.sadtalker.audio.coeff.SadTalkerAudio2Coeff;
import io.sadtalker.audio.mel.SadTalkerMelSpectrogram;
import io.sadtalker.core.FaceCoefficients;
import io.sadtalker.core.GradMode;
import io.sadtalker.core.MelWindows;
import io.sadtalker.core.MotionCoefficients;
import io.sadtalker.core.stage.Audio2CoeffOptions;
import io.sadtalker.testkit.SyntheticCheckpoints;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Audio2Coeff (Audio2Exp + Audio2Pose + blink + smoothing) on the mel windows of 10 s of audio (250 frames),
 * one operation = 10 s of audio; synthetic full-size weights.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
public class Audio2CoeffBenchmark {
    private SadTalkerAudio2Coeff audio2Coeff;
    private MelWindows mel;
    private FaceCoefficients source;

    @Setup(Level.Trial)
    public void load() {
        GradMode.disableForThisThread();
        audio2Coeff = SadTalkerAudio2Coeff.open(SyntheticCheckpoints.path("SadTalker_V0.0.2_256.safetensors.json", "bench"));
        Random random = new Random(5);
        float[] samples = new float[160_000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (0.3 * Math.sin(i * 0.05) + 0.05 * random.nextGaussian());
        }
        mel = new SadTalkerMelSpectrogram().windows(samples);
        float[] coeff = new float[FaceCoefficients.WIDTH];
        for (int i = 0; i < coeff.length; i++) {
            coeff[i] = (float) (0.1 * random.nextGaussian());
        }
        source = new FaceCoefficients(1, coeff, null);
    }

    @TearDown(Level.Trial)
    public void close() {
        audio2Coeff.close();
    }

    @Benchmark
    public MotionCoefficients tenSeconds() {
        return audio2Coeff.generate(mel, source, Audio2CoeffOptions.of(0, 1));
    }
}
