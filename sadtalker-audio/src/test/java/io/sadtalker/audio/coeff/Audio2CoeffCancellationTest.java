package io.sadtalker.audio.coeff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sadtalker.core.CancellationToken;
import io.sadtalker.core.CancelledException;
import io.sadtalker.core.FaceCoefficients;
import io.sadtalker.core.MelWindows;
import io.sadtalker.core.config.Audio2PoseConfig;
import io.sadtalker.core.stage.Audio2CoeffOptions;
import io.sadtalker.testkit.SyntheticCheckpoints;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Audio2Coeff looks at its cancellation token before every chunk: a cancel during a chunk stops the next one. */
class Audio2CoeffCancellationTest {
    @Test
    void aCancelDuringAPoseChunkStopsBeforeTheNextChunk() {
        int frames = 1 + 4 * Audio2PoseConfig.DEFAULT.cvae().seqLen();
        CancellationToken token = new CancellationToken();
        AtomicInteger draws = new AtomicInteger();
        Audio2CoeffOptions options = new Audio2CoeffOptions(0, null, null, new float[frames], (batch, dim) -> {
            draws.incrementAndGet(); // once per pose chunk, as it starts
            token.cancel();
            return new float[batch * dim];
        }, null, token);
        try (SadTalkerAudio2Coeff a2c = SadTalkerAudio2Coeff.open(
                SyntheticCheckpoints.path("SadTalker_V0.0.2_256.safetensors.json", "dev-1"))) {
            assertThatThrownBy(() -> a2c.generate(new MelWindows(frames, new float[frames * 1280]),
                    new FaceCoefficients(1, new float[FaceCoefficients.WIDTH], null), options))
                    .isInstanceOf(CancelledException.class);
        }
        assertThat(draws).as("pose chunks started").hasValue(1);
    }

    @Test
    void aCancelledTokenStopsBeforeAnyChunk() {
        CancellationToken token = new CancellationToken();
        token.cancel();
        AtomicInteger draws = new AtomicInteger();
        Audio2CoeffOptions options = new Audio2CoeffOptions(0, null, null, new float[40], (batch, dim) -> {
            draws.incrementAndGet();
            return new float[batch * dim];
        }, null, token);
        try (SadTalkerAudio2Coeff a2c = SadTalkerAudio2Coeff.open(
                SyntheticCheckpoints.path("SadTalker_V0.0.2_256.safetensors.json", "dev-1"))) {
            assertThatThrownBy(() -> a2c.generate(new MelWindows(40, new float[40 * 1280]),
                    new FaceCoefficients(1, new float[FaceCoefficients.WIDTH], null), options))
                    .isInstanceOf(CancelledException.class).hasMessage("generation cancelled");
        }
        assertThat(draws).hasValue(0);
    }
}
