package io.sadtalker.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sadtalker.core.InvalidInputException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GenerationRequestTest {
    private static GenerationRequest.Builder request() {
        return GenerationRequest.builder().portrait(Path.of("face.png")).audio(Path.of("speech.wav"));
    }

    @Test
    void optionsOutOfRangeAreInvalidInputNamingTheOption() {
        assertThatThrownBy(() -> request().poseStyle(46).build()).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("pose style must be in 0..45, got 46");
        assertThatThrownBy(() -> request().yaw().build()).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("yaw needs at least one key angle").hasMessageContaining("--input_yaw");
        assertThatThrownBy(() -> request().roll(new int[0]).build()).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("roll needs at least one key angle");
        assertThatThrownBy(() -> GenerationRequest.builder().portrait(Path.of("face.png")).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("audio");
        assertThat(request().yaw(0, 20).pitch(5).build().yaw()).containsExactly(0, 20);
    }
}
