package io.sadtalker.enhance;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.sadtalker.core.weights.Checkpoint;
import io.sadtalker.enhance.gfpgan.GFPGANv1Clean;
import io.sadtalker.testkit.SyntheticCheckpoints;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * GFPGAN's fresh per-layer noise ({@code randomize_noise=True}) comes from the generator the caller passes, not from
 * libtorch's global one (whose state every draw advances): the same seed restores the same face, also after other
 * draws, and another seed gives another face. (One restore at a time: each takes ~2 GB at 512.)
 */
class GfpganNoiseTest {
    @Test
    void theSameSeedGivesTheSameFace() {
        try (NDManager manager = NDManager.newBaseManager();
             Checkpoint ckpt = Checkpoint.open(SyntheticCheckpoints.path("GFPGANv1.4.pth.json", "dev-1"))) {
            GFPGANv1Clean net = ckpt.weights(manager, "params_ema")
                    .bind(w -> GFPGANv1Clean.load(w, GFPGANv1Clean.Config.v14()));
            FaceRestorer restorer = NetworkRestorer.gfpgan(net, 512, true, manager);
            byte[] face = new byte[512 * 512 * 3];
            new Random(3).nextBytes(face);
            byte[] first = restorer.restore(face, new SplittableRandom(5));
            byte[] other = restorer.restore(face, new SplittableRandom(6));
            manager.randomNormal(new Shape(1000)).close(); // advances libtorch's global generator
            byte[] again = restorer.restore(face, new SplittableRandom(5));
            assertThat(again).as("seed 5 again").isEqualTo(first);
            assertThat(other).as("seed 6").isNotEqualTo(first);
        }
    }
}
