package io.sadtalker.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.sadtalker.testkit.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class Audio2PoseConfigTest {
    @Test
    void defaultEqualsTheOriginalYamlFile() {
        Audio2PoseConfig loaded = Audio2PoseConfig.load(Fixtures.config().resolve("auido2pose.yaml"));
        assertThat(loaded).isEqualTo(Audio2PoseConfig.DEFAULT);
        assertThat(loaded.cvae().encoderLayerSizes()).isEqualTo(List.of(192, 128));
        assertThat(loaded.cvae().latentSize()).isEqualTo(64);
        assertThat(loaded.numClasses()).isEqualTo(46);
    }

    @Test
    void readsTheSameSectionsOfTheAudio2ExpFile() {
        // auido2exp.yaml shares the layout (its values are for training; Audio2Exp never reads them)
        Audio2PoseConfig exp = Audio2PoseConfig.load(Fixtures.config().resolve("auido2exp.yaml"));
        assertThat(exp.cvae().audioEmbOutSize()).isEqualTo(128);
        assertThat(exp.cvae().encoderLayerSizes()).isEqualTo(List.of(192, 1024));
    }
}
