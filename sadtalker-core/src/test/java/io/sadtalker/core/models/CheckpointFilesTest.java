package io.sadtalker.core.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sadtalker.core.CheckpointException;
import io.sadtalker.core.MediaLimits;
import io.sadtalker.core.Preprocess;
import io.sadtalker.core.pipeline.PipelineConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The original's layout: {@code checkpoints/} beside {@code gfpgan/weights/}, or everything in one folder. */
class CheckpointFilesTest {
    @TempDir
    Path root;

    private Path file(String path) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[] {1});
        return p;
    }

    @Test
    void facexlibAndGfpganFilesAreFoundInGfpganWeightsBesideOrInsideTheCheckpointDirectory() throws IOException {
        Path checkpoints = root.resolve("checkpoints");
        Path sadTalker = file("checkpoints/SadTalker_V0.0.2_256.safetensors");
        Path beside = file("gfpgan/weights/detection_Resnet50_Final.pth");
        Path inside = file("checkpoints/gfpgan/weights/alignment_WFLW_4HG.pth");
        file("gfpgan/weights/alignment_WFLW_4HG.pth");
        Path direct = file("checkpoints/GFPGANv1.4.pth");
        file("gfpgan/weights/GFPGANv1.4.pth");

        assertThat(CheckpointFiles.find(checkpoints, "SadTalker_V0.0.2_256.safetensors")).contains(sadTalker);
        assertThat(CheckpointFiles.find(checkpoints, "detection_Resnet50_Final.pth").orElseThrow())
                .isEqualTo(beside.toAbsolutePath());
        assertThat(CheckpointFiles.find(checkpoints, "alignment_WFLW_4HG.pth")).contains(inside);
        assertThat(CheckpointFiles.find(checkpoints, "GFPGANv1.4.pth")).contains(direct);
        assertThat(CheckpointFiles.find(checkpoints, "parsing_parsenet.pth")).isEmpty();

        PipelineConfig config = new PipelineConfig(checkpoints, 256, Preprocess.CROP, false, 2, null, null, "cpu", false,
                MediaLimits.defaults());
        assertThat(config.requireCheckpoint("detection_Resnet50_Final.pth")).isEqualTo(beside.toAbsolutePath());
    }

    @Test
    void onlyTheFourGfpganWeightsLeaveTheCheckpointDirectory() throws IOException {
        file("gfpgan/weights/mapping_00229-model.pth.tar");
        Path checkpoints = root.resolve("checkpoints");
        assertThat(CheckpointFiles.candidates(checkpoints, "mapping_00229-model.pth.tar")).hasSize(1);
        assertThat(CheckpointFiles.find(checkpoints, "mapping_00229-model.pth.tar")).isEmpty();
        assertThat(CheckpointFiles.candidates(checkpoints, "parsing_parsenet.pth")).hasSize(3);
    }

    @Test
    void aMissingFileNamesEveryPlaceLookedAt() {
        Path checkpoints = root.resolve("checkpoints");
        assertThatThrownBy(() -> CheckpointFiles.require(checkpoints, "parsing_parsenet.pth"))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining(checkpoints.resolve("parsing_parsenet.pth").toAbsolutePath().toString())
                .hasMessageContaining(checkpoints.resolve("gfpgan/weights/parsing_parsenet.pth").toAbsolutePath()
                        .toString())
                .hasMessageContaining(root.resolve("gfpgan/weights/parsing_parsenet.pth").toAbsolutePath().toString())
                .hasMessageContaining("sadtalker download");
        assertThatThrownBy(() -> CheckpointFiles.require(null, "parsing_parsenet.pth"))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("no checkpoint directory");
    }
}
