package io.sadtalker.audio.mel;

import io.sadtalker.audio.Tensors;
import io.sadtalker.audio.decode.FfmpegAudioDecoder;
import io.sadtalker.testkit.HostTensor;
import io.sadtalker.testkit.ParityAssert;
import io.sadtalker.testkit.ParityTests;
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
            ParityAssert.checkAll(c, name -> switch (name) {
                case "mel" -> {
                    int n = mel.frameCount(wav.length);
                    yield HostTensor.of(Tensors.transpose(mel.melspectrogram(wav), n, 80), 80, n);
                }
                case "orig_mel" -> {
                    int length = frames * 640;
                    int n = mel.frameCount(length);
                    yield HostTensor.of(mel.melFrames(wav, length, 0, n), n, 80);
                }
                case "indiv_mels" -> HostTensor.of(mel.windows(wav).data(), 1, frames, 1, 80, 16);
                case "num_frames" -> HostTensor.of(new int[] {frames}, 1);
                case "ratio_gt" -> HostTensor.of(
                        io.sadtalker.audio.coeff.BlinkSequence.randomly(frames, new Random(0)), 1, frames, 1);
                default -> null;
            });
        });
    }

    @TestFactory
    Stream<DynamicTest> melResample() {
        return ParityTests.cases("mel_resample", c -> {
            float[] wav = new FfmpegAudioDecoder().decode16k(c.paramFile("source_file"));
            ParityAssert.checkAll(c, name -> switch (name) {
                case "wav_16k" -> HostTensor.of(wav, wav.length);
                case "orig_mel" -> HostTensor.of(mel.melspectrogram(wav), mel.frameCount(wav.length), 80);
                default -> null;
            });
        });
    }
}
