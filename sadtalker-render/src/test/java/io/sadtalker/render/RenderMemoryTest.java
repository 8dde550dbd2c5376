package io.sadtalker.render;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.sadtalker.core.CropInfo;
import io.sadtalker.core.FaceCoefficients;
import io.sadtalker.core.MotionCoefficients;
import io.sadtalker.core.Preprocess;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.FrameStream;
import io.sadtalker.core.stage.RenderRequest;
import io.sadtalker.core.weights.Checkpoint;
import io.sadtalker.testkit.SyntheticCheckpoints;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Rendering leaves no native array behind: every per-frame tensor lives in its batch scope, never in the manager
 * that holds the weights (DJL attaches an op's result to its first operand's manager, so {@code weight.op(x)}
 * would grow the weights' manager by one array per frame).
 */
class RenderMemoryTest {
    @Test
    void theWeightsManagerDoesNotGrowWhileFramesAreRendered() {
        int frames = 3;
        try (NDManager manager = NDManager.newBaseManager();
             Checkpoint models = Checkpoint.open(SyntheticCheckpoints.path("SadTalker_V0.0.2_256.safetensors.json",
                     "dev-1"));
             Checkpoint mapping = Checkpoint.open(SyntheticCheckpoints.path("mapping_00229-model.pth.tar.json",
                     "dev-1"))) {
            SadTalkerFaceRenderer renderer = SadTalkerFaceRenderer.load(manager,
                    models.weights(manager).prefix("kp_extractor"), models.weights(manager).prefix("generator"),
                    mapping.weights(manager, "mapping"), 256, false);
            int loaded = manager.getManagedArrays().size();
            long bytes = 0;
            for (NDArray a : manager.getManagedArrays()) {
                // DJL 0.36 gives complex64 as 4 bytes (its real part); it takes 8
                int size = a.getDataType() == DataType.COMPLEX64 ? 8 : a.getDataType().getNumOfBytes();
                bytes += a.getShape().size() * size;
            }
            // the checkpoint's generator, keypoint detector and mapping parameters (597 MiB) plus the Winograd-domain
            // kernels of the decoder's and third's wide 3x3 convs (4x their direct size, +735 MiB), the mask conv's
            // kernel spectra (FftConv3d, +70 MiB) and the hourglass's last conv in sliced Winograd form (+4 MiB):
            // 1406 MiB in all; the load-time temporaries this guards against added 1.7 GiB
            assertThat(bytes).as("bytes held after loading: the final parameters only, no load-time temporaries")
                    .isLessThan(1450L << 20);
            int rendered = 0;
            try (FrameStream stream = renderer.render(request(frames))) {
                while (stream.hasNext()) {
                    assertThat(stream.next().width()).isEqualTo(256);
                    rendered++;
                }
            }
            int after = manager.getManagedArrays().size();
            List<String> leftovers = new ArrayList<>();
            for (NDArray a : manager.getManagedArrays()) {
                leftovers.add(a.getShape().toString());
            }
            assertThat(rendered).isEqualTo(frames);
            assertThat(after).as("arrays left in the weights' manager after the stream closed: %s",
                    leftovers.subList(Math.max(0, leftovers.size() - (after - loaded)), leftovers.size()))
                    .isEqualTo(loaded);
            renderer.close();
        }
    }

    private static RenderRequest request(int frames) {
        Random random = new Random(3);
        float[] motion = new float[frames * MotionCoefficients.WIDTH];
        for (int i = 0; i < motion.length; i++) {
            motion[i] = (float) (0.1 * random.nextGaussian());
        }
        byte[] face = new byte[256 * 256 * 3];
        random.nextBytes(face);
        return new RenderRequest(RgbImage.wrap(256, 256, face), new FaceCoefficients(1, new float[73], null),
                new MotionCoefficients(frames, motion), new CropInfo(256, 256, 0, 0, 256, 256, 0, 0, 256, 256),
                Preprocess.CROP, false, 1f, 1, null, null, null);
    }
}
