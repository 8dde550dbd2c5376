package io.sadtalker.render;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import io.sadtalker.core.CropInfo;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.testkit.FixtureCase;
import io.sadtalker.testkit.HostTensor;
import io.sadtalker.testkit.ParityAssert;
import io.sadtalker.testkit.ParityTests;
import java.nio.ByteBuffer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** {@link PastePic} against {@code paste_pic} (stage {@code paste_pic}). */
class PastePicParityTest {
    @TestFactory
    Stream<DynamicTest> cases() {
        return ParityTests.cases("paste_pic", PastePicParityTest::check);
    }

    private static void check(FixtureCase c) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            JsonNode p = c.params();
            CropInfo crop = cropInfo(p.get("crop_info"));
            boolean extended = p.get("extended_crop").asBoolean();
            RgbImage full = fromBgr(c.input("full_bgr", m));
            NDArray frames = c.input("frames_bgr", m);
            PastePic paster = new PastePic();
            NDList pasted = new NDList();
            for (int i = 0; i < frames.getShape().get(0); i++) {
                RgbImage out = paster.paste(fromBgr(frames.get(i)), full, crop, extended);
                pasted.add(m.create(ByteBuffer.wrap(out.bgr()), new Shape(out.height(), out.width(), 3),
                        DataType.UINT8));
            }
            ParityAssert.checkAll(c, name -> name.equals("pasted_bgr") ? HostTensor.of(NDArrays.stack(pasted, 0)) : null);
        }
    }

    private static RgbImage fromBgr(NDArray hwc) {
        Shape s = hwc.getShape();
        return RgbImage.fromBgr((int) s.get(1), (int) s.get(0), hwc.toByteArray());
    }

    /** {@code ((ox2-ox1, oy2-oy1), (clx, cly, crx, cry), (lx, ly, rx, ry))}. */
    static CropInfo cropInfo(JsonNode ci) {
        JsonNode size = ci.get(0);
        JsonNode box = ci.get(1);
        JsonNode quad = ci.get(2);
        return new CropInfo(size.get(0).asInt(), size.get(1).asInt(), box.get(0).asInt(), box.get(1).asInt(),
                box.get(2).asInt(), box.get(3).asInt(), quad.get(0).asDouble(), quad.get(1).asDouble(),
                quad.get(2).asDouble(), quad.get(3).asDouble());
    }
}
