package io.sadtalker.enhance;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.sadtalker.core.FaceBox;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.testkit.FixtureCase;
import io.sadtalker.testkit.HostTensor;
import io.sadtalker.testkit.ParityAssert;
import io.sadtalker.testkit.ParityTests;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** GFPGANer.enhance as SadTalker's face_enhancer runs it, with the given detection, against the face_restore cases. */
class FaceRestoreParityTest {

    @TestFactory
    Stream<DynamicTest> faceRestore() {
        return ParityTests.cases("face_restore", c -> {
            try (NDManager manager = NDManager.newBaseManager();
                 GFPGANer enhancer = GFPGANer.builder().gfpgan(c.checkpointPath(0)).parseNet(c.checkpointPath(1))
                         .faceDetector(frame -> {
                             throw new AssertionError("the case replaces the detector");
                         }).randomizeNoise(c.params().get("randomize_noise").asBoolean()).build()) {
                NDArray image = c.input("image", manager);
                int h = (int) image.getShape().get(0);
                int w = (int) image.getShape().get(1);
                RgbImage frame = RgbImage.wrap(w, h, image.toByteArray());
                GFPGANer.Restoration r = enhancer.restore(frame, List.of(detection(c, manager)), 0);
                assertThat(r.faces()).hasSize(1);
                GFPGANer.AlignedFace face = r.faces().get(0);
                int size = c.params().get("face_size").asInt();
                ParityAssert.checkAll(c, name -> switch (name) {
                    case "affine_matrix" -> HostTensor.of(face.affineMatrix(), 2, 3);
                    case "inverse_affine" -> HostTensor.of(face.inverseAffine(), 2, 3);
                    case "cropped_face_bgr" -> HostTensor.of(u8(manager, face.croppedBgr(), size, size));
                    case "restored_face_bgr" -> HostTensor.of(u8(manager, face.restoredBgr(), size, size));
                    case "restored_image" -> HostTensor.of(
                            u8(manager, r.image().rgb(), r.image().height(), r.image().width()));
                    default -> null;
                });
            }
        });
    }

    private static FaceBox detection(FixtureCase c, NDManager manager) {
        float[] d = c.input("detection", manager).toFloatArray();
        return new FaceBox(d[0], d[1], d[2], d[3], d[4], Arrays.copyOfRange(d, 5, 15));
    }

    private static NDArray u8(NDManager manager, byte[] hwc, int h, int w) {
        return manager.create(ByteBuffer.wrap(hwc), new Shape(h, w, 3), DataType.UINT8);
    }
}
