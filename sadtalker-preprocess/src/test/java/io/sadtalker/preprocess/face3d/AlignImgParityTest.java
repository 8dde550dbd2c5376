package io.sadtalker.preprocess.face3d;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.sadtalker.core.Landmarks;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.preprocess.crop.FixtureImages;
import io.sadtalker.testkit.HostTensor;
import io.sadtalker.testkit.ParityAssert;
import io.sadtalker.testkit.ParityTests;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Parity of the landmark flip + {@link AlignImg} with {@code align_img} (stage {@code align_img}). */
class AlignImgParityTest {
    @TestFactory
    Stream<DynamicTest> alignImg() {
        return ParityTests.cases("align_img", c -> {
            RgbImage frame = FixtureImages.image(c.inputHost("frame"));
            Landmarks lm = FixtureImages.landmarks(c.inputHost("lm"));
            assertThat(c.params().get("target_size").asDouble()).isEqualTo(AlignImg.TARGET_SIZE);
            assertThat(c.params().get("rescale_factor").asDouble()).isEqualTo(AlignImg.RESCALE_FACTOR);
            HostTensor std = c.inputHost("lm3d_std");
            float[][] lm3d = StandardLandmarks.lm3d();
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 3; j++) {
                    assertThat(lm3d[i][j]).as("lm3d_std[%d][%d]", i, j).isEqualTo((float) std.data()[i * 3 + j]);
                }
            }
            try (NDManager m = NDManager.newBaseManager()) {
                float[] flipped = SadTalkerFace3DMMExtractor.frameLandmarks(frame, lm);
                AlignImg.Aligned a = AlignImg.alignImg(frame, flipped, lm3d, m);
                ParityAssert.checkAll(c, name -> switch (name) {
                    case "trans_params" -> HostTensor.of(a.transParams(), 5);
                    case "image_224" -> FixtureImages.tensor(a.image());
                    case "lm_new" -> HostTensor.of(a.lmNew(), 68, 2);
                    default -> null;
                });
            }
        });
    }
}
