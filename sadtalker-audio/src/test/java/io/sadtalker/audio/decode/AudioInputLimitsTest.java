package io.sadtalker.audio.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sadtalker.core.InvalidInputException;
import io.sadtalker.core.MediaException;
import io.sadtalker.core.MediaLimits;
import io.sadtalker.testkit.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Speech files the decoder refuses early: too long, non-finite samples, lists that name other files. */
class AudioInputLimitsTest {
    @TempDir
    Path tmp;

    @Test
    void audioLongerThanTheLimitIsRefusedByItsDeclaredLength() {
        Path speech = Fixtures.media().resolve("RD_Radio31_000.wav"); // 8 s
        FfmpegAudioDecoder decoder = new FfmpegAudioDecoder(MediaLimits.defaults().withMaxAudioSeconds(5));
        int[] delivered = {0};
        assertThatThrownBy(() -> decoder.decode(speech, (s, o, n) -> delivered[0] += n))
                .isInstanceOf(MediaException.class).hasMessageContaining(speech.toString())
                .hasMessageContaining("limit of 5 s");
        assertThat(delivered[0]).as("refused before decoding").isZero();
        assertThat(new FfmpegAudioDecoder(MediaLimits.defaults().withMaxAudioSeconds(9)).decode16k(speech))
                .hasSize(128000);
    }

    @Test
    void theLimitCannotExceedWhatAnIntCounts() {
        assertThatThrownBy(() -> MediaLimits.defaults().withMaxAudioSeconds(37 * 3600 * 2))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("maxAudioSeconds");
        assertThat(MediaLimits.AUDIO_SECONDS_CEILING * FfmpegAudioDecoder.TARGET_RATE)
                .isLessThan(Integer.MAX_VALUE);
    }

    @Test
    void nanOrInfiniteSamplesAreAnInputErrorNamingTheTime() throws Exception {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            Path file = tmp.resolve("bad" + bad + ".wav");
            WavWriter.write(file, WavWriter.Format.F32, 16000, 1, 16000, 16000, i -> i == 8000 ? bad : 0.1);
            assertThatThrownBy(() -> new FfmpegAudioDecoder().decode16k(file)).isInstanceOf(MediaException.class)
                    .hasMessageContaining(file.toString()).hasMessageContaining("non-finite")
                    .hasMessageContaining("0.500 s");
        }
    }

    /** Fuzzing finding: an 860-byte WAV at 64 Hz resampled to 204,000 samples (a 250-fold expansion). */
    @Test
    void sampleRatesBelowFourKilohertzAreRefusedBeforeDecoding() throws Exception {
        Path slow = tmp.resolve("64hz.wav");
        WavWriter.write(slow, WavWriter.Format.S16, 64, 2, 200, 200, i -> 0.1);
        int[] delivered = {0};
        assertThatThrownBy(() -> new FfmpegAudioDecoder().decode(slow, (s, o, n) -> delivered[0] += n))
                .isInstanceOf(MediaException.class).hasMessageContaining(slow.toString())
                .hasMessageContaining("sample rate 64 Hz").hasMessageContaining("4000 to 768000 Hz");
        assertThat(delivered[0]).isZero();
        Path lowest = tmp.resolve("4khz.wav");
        WavWriter.write(lowest, WavWriter.Format.S16, 4000, 1, 400, 400, i -> 0.1);
        assertThat(new FfmpegAudioDecoder().decode16k(lowest)).hasSize(1600);
    }

    @Test
    void anFfconcatListAsSpeechIsRefused() throws Exception {
        Files.copy(Fixtures.media().resolve("RD_Radio31_000.wav"), tmp.resolve("speech.wav"));
        Path list = Files.writeString(tmp.resolve("list.wav"), "ffconcat version 1.0\nfile 'speech.wav'\n");
        assertThatThrownBy(() -> new FfmpegAudioDecoder().decode16k(list)).isInstanceOf(MediaException.class)
                .hasMessageContaining(list.toString()).hasMessageContaining("accepted");
    }
}
