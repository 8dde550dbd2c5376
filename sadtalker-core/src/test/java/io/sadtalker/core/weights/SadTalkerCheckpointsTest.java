package io.sadtalker.core.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.sadtalker.core.CheckpointException;
import io.sadtalker.core.Preprocess;
import io.sadtalker.testkit.SyntheticCheckpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SadTalkerCheckpointsTest {
    @TempDir
    Path dir;

    @Test
    void withoutSafetensorsTheLegacyFilesAreChosenAsByInitPath() throws IOException {
        SadTalkerCheckpoints none = SadTalkerCheckpoints.in(dir, 256, false);
        assertThat(none.legacy()).isTrue();
        assertThat(none.files(Preprocess.CROP)).extracting(p -> p.getFileName().toString()).containsExactly(
                "epoch_20.pth", "auido2exp_00300-model.pth", "auido2pose_00140-model.pth",
                "facevid2vid_00189-model.pth.tar", "mapping_00229-model.pth.tar");
        Files.createFile(dir.resolve("SadTalker_V0.0.2_512.safetensors"));
        SadTalkerCheckpoints any = SadTalkerCheckpoints.in(dir, 256, false);
        assertThat(any.legacy()).isFalse();
        assertThat(any.files(Preprocess.FULL)).extracting(p -> p.getFileName().toString())
                .containsExactly("SadTalker_V0.0.2_256.safetensors", "mapping_00109-model.pth.tar");
        assertThat(any.missing(Preprocess.FULL)).extracting(p -> p.getFileName().toString())
                .containsExactly("SadTalker_V0.0.2_256.safetensors", "mapping_00109-model.pth.tar");
        assertThat(SadTalkerCheckpoints.in(dir, 512, true).legacy()).as("--old_version").isTrue();
    }

    @Test
    void aLegacyFileWithoutTheEntriesTheOriginalReadsIsRefused() throws IOException {
        Files.copy(SyntheticCheckpoints.path("mapping_00229-model.pth.tar.json", "dev-1"),
                dir.resolve("auido2exp_00300-model.pth"));
        try (SadTalkerCheckpoints files = SadTalkerCheckpoints.legacy(dir);
             NDManager manager = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> files.weights(SadTalkerNetwork.AUDIO2EXP, manager))
                    .isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("auido2exp_00300-model.pth").hasMessageContaining("no entry model");
            assertThatThrownBy(() -> files.weights(SadTalkerNetwork.AUDIO2POSE, manager))
                    .isInstanceOf(CheckpointException.class).hasMessageContaining("auido2pose_00140-model.pth");
        }
    }
}
