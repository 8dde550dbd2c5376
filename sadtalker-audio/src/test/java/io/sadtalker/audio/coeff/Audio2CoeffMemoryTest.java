package io.sadtalker.audio.coeff;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.sadtalker.core.CancellationToken;
import io.sadtalker.core.MelWindows;
import io.sadtalker.core.config.Audio2PoseConfig;
import io.sadtalker.core.weights.Checkpoint;
import io.sadtalker.testkit.SyntheticCheckpoints;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Audio2Pose and Audio2Exp keep one chunk's arrays at a time, so memory does not grow with the audio length, and
 * leave nothing behind in the weights' manager.
 */
class Audio2CoeffMemoryTest {
    @Test
    void liveArraysDoNotGrowFromChunkToChunk() {
        int chunks = 6;
        int frames = 1 + chunks * Audio2PoseConfig.DEFAULT.cvae().seqLen();
        float[] mels = new float[frames * 1280];
        Random random = new Random(5);
        for (int i = 0; i < mels.length; i++) {
            mels[i] = (float) random.nextGaussian();
        }
        try (NDManager manager = NDManager.newBaseManager();
             Checkpoint ckpt = Checkpoint.open(SyntheticCheckpoints.path("SadTalker_V0.0.2_256.safetensors.json",
                     "dev-1"))) {
            Audio2Pose net = Audio2Pose.load(ckpt.weights(manager).prefix("audio2pose"), Audio2PoseConfig.DEFAULT);
            int weights = manager.getManagedArrays().size();
            NDManager scope = manager.newSubManager();
            List<Integer> live = new ArrayList<>();
            net.test(scope, new MelWindows(frames, mels), new float[6], 0, (batch, dim) -> {
                live.add(scope.getManagedArrays().size()); // called once per chunk, before its work
                return new float[batch * dim];
            }, new CancellationToken());
            assertThat(live).hasSize(chunks);
            assertThat(live).as("arrays alive when each chunk starts").containsOnly(live.get(0));
            scope.close();
            assertThat(manager.getManagedArrays()).as("nothing attached to the weights' manager").hasSize(weights);
        }
    }

    @Test
    void audio2ExpLeavesNothingInTheWeightsManager() {
        int frames = 25;
        try (NDManager manager = NDManager.newBaseManager();
             Checkpoint ckpt = Checkpoint.open(SyntheticCheckpoints.path("SadTalker_V0.0.2_256.safetensors.json",
                     "dev-1"))) {
            Audio2Exp net = Audio2Exp.load(ckpt.weights(manager).prefix("audio2exp"));
            int weights = manager.getManagedArrays().size();
            try (NDManager scope = manager.newSubManager()) {
                float[] exp = net.test(scope, new MelWindows(frames, new float[frames * 1280]), new float[frames * 70],
                        new float[frames], new CancellationToken());
                assertThat(exp).hasSize(frames * 64);
            }
            assertThat(manager.getManagedArrays()).hasSize(weights);
        }
    }
}
