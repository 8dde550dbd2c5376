package io.sadtalker.pipeline;

import ai.djl.ndarray.NDManager;
import io.sadtalker.core.Landmarks;
import io.sadtalker.testkit.FixtureCase;
import io.sadtalker.testkit.FixtureCases;
import io.sadtalker.testkit.SyntheticCheckpoints;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
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

    /** The first {@code frames} video frames (640 samples each) of the case's speech as a 16 kHz 16-bit wav. */
    Path speech(Path path, int frames) throws IOException {
        float[] samples;
        try (NDManager m = NDManager.newBaseManager()) {
            samples = source.input("wav", m).toFloatArray();
        }
        int count = frames * 640;
        if (count > samples.length) {
            throw new IllegalArgumentException(frames + " frames asked for, the case's speech has "
                    + samples.length / 640);
        }
        ByteBuffer wav = ByteBuffer.allocate(44 + count * 2).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes()).putInt(36 + count * 2).put("WAVE".getBytes()).put("fmt ".getBytes())
                .putInt(16).putShort((short) 1).putShort((short) 1).putInt(16000).putInt(32000)
                .putShort((short) 2).putShort((short) 16).put("data".getBytes()).putInt(count * 2);
        for (int i = 0; i < count; i++) {
            wav.putShort((short) Math.max(-32768, Math.min(32767, Math.round(samples[i] * 32768f))));
        }
        return Files.write(path, wav.array());
    }
}
