package io.sadtalker.audio.decode;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sadtalker.core.SadTalkerException;
import io.sadtalker.core.fuzz.FuzzFiles;
import java.nio.file.Path;

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
}
