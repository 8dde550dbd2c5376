package io.sadtalker.audio.coeff;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sadtalker.core.FaceCoefficients;
import io.sadtalker.core.InvalidInputException;
import io.sadtalker.core.MelWindows;
import io.sadtalker.core.stage.Audio2CoeffOptions;
import io.sadtalker.testkit.SyntheticCheckpoints;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A caller's blink ratio sequence must have one value per video frame of the audio. */
class BlinkRatioInputTest {
    @Test
    void aBlinkRatioOfTheWrongLengthIsInvalidInputNamingBothLengths() {
        Audio2CoeffOptions options = new Audio2CoeffOptions(0, null, null, new float[7], null, new Random(1), null);
        try (SadTalkerAudio2Coeff a2c = SadTalkerAudio2Coeff.open(
                SyntheticCheckpoints.path("SadTalker_V0.0.2_256.safetensors.json", "dev-1"))) {
            assertThatThrownBy(() -> a2c.generate(new MelWindows(10, new float[10 * 1280]),
                    new FaceCoefficients(1, new float[FaceCoefficients.WIDTH], null), options))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("blinkRatio has 7 values").hasMessageContaining("frame of the audio: 10");
        }
    }
}
