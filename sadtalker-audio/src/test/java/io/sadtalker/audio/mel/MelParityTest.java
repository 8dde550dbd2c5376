package io.sadtalker.audio.mel;

import static org.assertj.core.api.Assertions.assertThat;

import io.sadtalker.audio.Tensors;
import io.sadtalker.audio.decode.FfmpegAudioDecoder;
import io.sadtalker.core.MelWindows;
import io.sadtalker.testkit.FixtureCase;
import io.sadtalker.testkit.Fixtures;
import io.sadtalker.testkit.ParityAssert;
import io.sadtalker.testkit.ParityTests;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Parity of {@code audio.melspectrogram}, {@code get_data} and {@code load_wav} with the fixture cases. */
class MelParityTest {
    private final SadTalkerMelSpectrogram mel = new SadTalkerMelSpectrogram();

    @TestFactory
    Stream<DynamicTest> mel() {
        return ParityTests.cases("mel", c -> {
            float[] wav = Tensors.input(c, "wav");
            int frames = mel.videoFrames(wav.length);
            assertThat(c.expectedNames()).isNotEmpty();
            for (String name : c.expectedNames()) {
                switch (name) {
                    case "mel" -> {
                        int n = mel.frameCount(wav.length);
                        ParityAssert.check(c, name, Tensors.transpose(mel.melspectrogram(wav), n, 80), 80, n);
                    }
                    case "orig_mel" -> {
                        int length = frames * 640;
                        int n = mel.frameCount(length);
                        ParityAssert.check(c, name, mel.melFrames(wav, length, 0, n), n, 80);
                    }
                    case "indiv_mels" -> {
                        MelWindows w = mel.windows(wav);
                        ParityAssert.check(c, name, w.data(), 1, frames, 1, 80, 16);
                    }
                    case "num_frames" -> ParityAssert.check(c, name, new int[] {frames}, 1);
                    case "ratio_gt" -> ParityAssert.check(c, name,
                            io.sadtalker.audio.coeff.BlinkSequence.randomly(frames, new Random(0)), 1, frames, 1);
                    default -> throw new AssertionError(c + ": unexpected tensor " + name);
                }
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> melResample() {
        return ParityTests.cases("mel_resample", c -> {
            String source = c.params().get("source_file").asText().split(" ")[0];
            Path file = Fixtures.root().resolve(source);
            FfmpegAudioDecoder decoder = new FfmpegAudioDecoder();
            float[] wav = decoder.decode16k(file);
            for (String name : c.expectedNames()) {
                switch (name) {
                    case "wav_16k" -> ParityAssert.check(c, name, wav, wav.length);
                    case "orig_mel" -> {
                        int n = mel.frameCount(wav.length);
                        ParityAssert.check(c, name, mel.melspectrogram(wav), n, 80);
                    }
                    default -> throw new AssertionError(c + ": unexpected tensor " + name);
                }
            }
        });
    }
}
