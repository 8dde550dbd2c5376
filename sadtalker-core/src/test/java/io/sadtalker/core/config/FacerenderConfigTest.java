package io.sadtalker.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sadtalker.core.CheckpointException;
import io.sadtalker.core.Preprocess;
import io.sadtalker.testkit.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FacerenderConfigTest {
    @TempDir
    Path dir;

    @Test
    void constantsEqualTheOriginalYamlFiles() {
        assertThat(FacerenderConfig.load(Fixtures.config().resolve("facerender.yaml")))
                .isEqualTo(FacerenderConfig.FACERENDER);
        assertThat(FacerenderConfig.load(Fixtures.config().resolve("facerender_still.yaml")))
                .isEqualTo(FacerenderConfig.FACERENDER_STILL);
        assertThat(FacerenderConfig.FACERENDER.mappingParams().coeffNc()).isEqualTo(70);
        assertThat(FacerenderConfig.FACERENDER_STILL.mappingParams().coeffNc()).isEqualTo(73);
        assertThat(FacerenderConfig.FACERENDER.generatorParams().denseMotionParams().compress()).isEqualTo(4);
        assertThat(FacerenderConfig.FACERENDER.kpDetectorParams().temperature()).isEqualTo(0.1);
    }

    @Test
    void fullModesUseTheStillConfig() {
        assertThat(FacerenderConfig.forPreprocess(Preprocess.FULL)).isSameAs(FacerenderConfig.FACERENDER_STILL);
        assertThat(FacerenderConfig.forPreprocess(Preprocess.EXTFULL)).isSameAs(FacerenderConfig.FACERENDER_STILL);
        assertThat(FacerenderConfig.forPreprocess(Preprocess.CROP)).isSameAs(FacerenderConfig.FACERENDER);
        assertThat(FacerenderConfig.forPreprocess(Preprocess.EXTCROP)).isSameAs(FacerenderConfig.FACERENDER);
        assertThat(FacerenderConfig.forPreprocess(Preprocess.RESIZE)).isSameAs(FacerenderConfig.FACERENDER);
    }

    @Test
    void namesTheMissingOrMistypedValue() throws IOException {
        String yaml = Files.readString(Fixtures.config().resolve("facerender.yaml"));
        Path missing = Files.writeString(dir.resolve("missing.yaml"), yaml.replace("num_kp: 15 ", "other: 15"));
        assertThatThrownBy(() -> FacerenderConfig.load(missing)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("model_params.common_params.num_kp");
        Path mistyped = Files.writeString(dir.resolve("mistyped.yaml"), yaml.replace("compress: 4", "compress: four"));
        assertThatThrownBy(() -> FacerenderConfig.load(mistyped)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("model_params.generator_params.dense_motion_params.compress")
                .hasMessageContaining("integer");
        Path duplicated = Files.writeString(dir.resolve("dup.yaml"),
                yaml.replace("num_kp: 15 ", "num_kp: 15\n    num_kp: 10"));
        assertThatThrownBy(() -> FacerenderConfig.load(duplicated)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("num_kp");
        Path absent = dir.resolve("absent.yaml");
        assertThatThrownBy(() -> FacerenderConfig.load(absent)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining(absent.toString());
    }
}
