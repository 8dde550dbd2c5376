package io.sadtalker.audio.decode;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sadtalker.core.MediaException;
import io.sadtalker.core.SadTalkerException;
import io.sadtalker.core.fuzz.FuzzFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Jazzer fuzz target of audio opening ({@link FfmpegAudioDecoder#decode16k}): any bytes give samples or a typed
 * {@link SadTalkerException} (FFmpeg is native and not coverage-guided; its crashes still end the run).
 */
class FfmpegAudioDecoderFuzzTest {
    private static final Path AUDIO = FuzzFiles.scratch(".audio");
    private static final FfmpegAudioDecoder DECODER = new FfmpegAudioDecoder();

    @FuzzTest(maxDuration = "5m")
    void decode16k(byte[] input) {
        try {
            DECODER.decode16k(FuzzFiles.write(AUDIO, input));
        } catch (SadTalkerException expected) {
            // a clear, typed refusal
        }
    }

    /** Fuzzing finding: a WAV header declaring 268,443,456 Hz made the resampler divide by zero. */
    @Test
    void anAbsurdSampleRateIsAMediaException() throws Exception {
        Path wav = Path.of(getClass().getResource("FfmpegAudioDecoderFuzzTestInputs/decode16k/wav-sample-rate-268MHz")
                .toURI());
        assertThatThrownBy(() -> DECODER.decode16k(wav)).isInstanceOf(MediaException.class)
                .hasMessageContaining(wav.toString()).hasMessageContaining("sample rate 268443456 Hz");
    }

    /** Fuzzing finding: a WAV declaring 60 bits per sample decodes to a format JavaCV's grabber cannot convert. */
    @Test
    void samplesTheGrabberCannotConvertAreAMediaException() throws Exception {
        Path wav = Path.of(getClass().getResource("FfmpegAudioDecoderFuzzTestInputs/decode16k/wav-60-bit-samples")
                .toURI());
        assertThatThrownBy(() -> DECODER.decode16k(wav)).isInstanceOf(MediaException.class)
                .hasMessageContaining(wav.toString());
    }
}
