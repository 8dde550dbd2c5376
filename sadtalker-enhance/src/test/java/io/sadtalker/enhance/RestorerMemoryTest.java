package io.sadtalker.enhance;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.sadtalker.core.weights.Checkpoint;
import io.sadtalker.enhance.gfpgan.GFPGANv1Clean;
import io.sadtalker.testkit.SyntheticCheckpoints;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Restoring a face leaves no array behind in the manager that holds GFPGAN's weights (the modulated convs compute
 * {@code weight * style}, which DJL attaches to the weight's manager), so enhancing every frame of a long video
 * does not grow memory.
 */
class RestorerMemoryTest {
    @Test
    void gfpganRestoreLeavesTheWeightsManagerAsLoaded() {
        try (NDManager manager = NDManager.newBaseManager();
             Checkpoint ckpt = Checkpoint.open(SyntheticCheckpoints.path("GFPGANv1.4.pth.json", "dev-1"))) {
            GFPGANv1Clean net = ckpt.weights(manager, "params_ema")
                    .bind(w -> GFPGANv1Clean.load(w, GFPGANv1Clean.Config.v14()));
            FaceRestorer restorer = NetworkRestorer.gfpgan(net, 512, false, manager);
            int loaded = manager.getManagedArrays().size();
            byte[] face = new byte[512 * 512 * 3];
            new Random(2).nextBytes(face);
            byte[] restored = restorer.restore(face, new SplittableRandom(0));
            assertThat(restored).hasSize(512 * 512 * 3);
            assertThat(manager.getManagedArrays()).hasSize(loaded);
        }
    }
}
