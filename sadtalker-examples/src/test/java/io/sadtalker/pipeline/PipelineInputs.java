package io.sadtalker.pipeline;

import ai.djl.ndarray.NDManager;
import io.sadtalker.core.Landmarks;
import io.sadtalker.testkit.FixtureCase;
import io.sadtalker.testkit.FixtureCases;
import io.sadtalker.testkit.SyntheticCheckpoints;
import java.nio.file.Path;

/**
 * What the pipeline tests take from a {@code pipeline} fixture case: a checkpoint directory of synthetic official
 * files for the case's size and seed, and the case's injected full-picture and crop landmarks.
 */
record PipelineInputs(FixtureCase source, Path checkpoints, Landmarks full, Landmarks crop) {

    /** The inputs of {@code c}. */
    static PipelineInputs of(FixtureCase c) {
        int size = c.params().get("size").asInt();
        Path checkpoints = SyntheticCheckpoints.directory("pipeline-" + size, c.seed(),
                "SadTalker_V0.0.2_" + size + ".safetensors.json", "mapping_00229-model.pth.tar.json",
                "mapping_00109-model.pth.tar.json");
        try (NDManager m = NDManager.newBaseManager()) {
            return new PipelineInputs(c, checkpoints, new Landmarks(c.input("landmarks_full", m).toFloatArray()),
                    new Landmarks(c.input("landmarks_crop", m).toFloatArray()));
        }
    }

    /** The inputs of the first pipeline case found (for tests that need one portrait, not every case). */
    static PipelineInputs first() {
        return of(FixtureCases.discover("pipeline").get(0));
    }
}
