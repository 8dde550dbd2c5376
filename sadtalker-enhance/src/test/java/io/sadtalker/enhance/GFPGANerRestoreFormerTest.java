package io.sadtalker.enhance;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.sadtalker.core.FaceBox;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.testkit.FixtureCase;
import io.sadtalker.testkit.FixtureCases;
import io.sadtalker.testkit.ParityAssert;
import io.sadtalker.testkit.ParityTests;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * GFPGANer(arch='RestoreFormer') runs the GFPGAN flow: on the face_restore frames with their detection, the aligned
 * crop matches the case's (same 512 alignment), the restored face is RestoreFormer's and the frame is upscaled 2x.
 */
class GFPGANerRestoreFormerTest {

    @TestFactory
    Stream<DynamicTest> restoresTheAlignedFace() {
        FixtureCase restoreFormerCase = FixtureCases.discover("restoreformer").get(0);
        return ParityTests.cases("face_restore", c -> {
            try (NDManager manager = NDManager.newBaseManager();
                 GFPGANer enhancer = GFPGANer.builder().restoreFormer(restoreFormerCase.checkpointPath(0))
                         .parseNet(c.checkpointPath(1)).faceDetector(frame -> {
                             throw new AssertionError("the case replaces the detector");
                         }).build()) {
                NDArray image = c.input("image", manager);
                int h = (int) image.getShape().get(0);
                int w = (int) image.getShape().get(1);
                float[] d = c.input("detection", manager).toFloatArray();
                FaceBox face = new FaceBox(d[0], d[1], d[2], d[3], d[4], Arrays.copyOfRange(d, 5, 15));
                GFPGANer.Restoration r = enhancer.restore(RgbImage.wrap(w, h, image.toByteArray()),
                        List.of(face), 0);
                assertThat(r.faces()).hasSize(1);
                GFPGANer.AlignedFace aligned = r.faces().get(0);
                ParityAssert.check(c, "cropped_face_bgr", manager.create(ByteBuffer.wrap(aligned.croppedBgr()),
                        new Shape(512, 512, 3), DataType.UINT8));
                assertThat(aligned.restoredBgr()).hasSize(512 * 512 * 3).isNotEqualTo(aligned.croppedBgr());
                assertThat(r.image().width()).isEqualTo(2 * w);
                assertThat(r.image().height()).isEqualTo(2 * h);
            }
        });
    }
}
