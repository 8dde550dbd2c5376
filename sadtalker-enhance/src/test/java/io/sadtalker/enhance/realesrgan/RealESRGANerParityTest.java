package io.sadtalker.enhance.realesrgan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.sadtalker.testkit.HostTensor;
import io.sadtalker.testkit.ParityAssert;
import io.sadtalker.testkit.ParityTests;
import java.nio.ByteBuffer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** RealESRGANer.enhance (process + toBgr; one model pass per case) with RRDBNet x2 (tiles, mod pad) against the realesrgan cases. */
class RealESRGANerParityTest {

    @TestFactory
    Stream<DynamicTest> realesrgan() {
        return ParityTests.cases("realesrgan", c -> {
            try (NDManager manager = NDManager.newBaseManager()) {
                int scale = c.params().get("scale").asInt();
                RRDBNet net = c.weights(manager).bind(w -> RRDBNet.load(w, scale, 23));
                RealESRGANer upsampler = new RealESRGANer(net, c.params().get("tile").asInt(),
                        c.params().get("tile_pad").asInt());
                NDArray image = c.input("image_bgr", manager);
                int h = (int) image.getShape().get(0);
                int w = (int) image.getShape().get(1);
                NDArray rgb = image.toType(DataType.FLOAT32, false).div(255f).flip(2).transpose(2, 0, 1).expandDims(0);
                NDArray raw = upsampler.process(rgb);
                ParityAssert.checkAll(c, name -> switch (name) {
                    case "output_raw" -> HostTensor.of(raw);
                    case "output_bgr" -> HostTensor.of(manager.create(ByteBuffer.wrap(RealESRGANer.toBgr(raw)),
                            new Shape(h * scale, w * scale, 3), DataType.UINT8));
                    default -> null;
                });
            }
        });
    }
}
