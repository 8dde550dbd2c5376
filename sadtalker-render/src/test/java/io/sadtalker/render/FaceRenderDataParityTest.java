package io.sadtalker.render;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.sadtalker.core.FaceCoefficients;
import io.sadtalker.core.MotionCoefficients;
import io.sadtalker.core.Preprocess;
import io.sadtalker.core.image.ImageTensors;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.RenderRequest;
import io.sadtalker.testkit.FixtureCase;
import io.sadtalker.testkit.HostTensor;
import io.sadtalker.testkit.ParityAssert;
import io.sadtalker.testkit.ParityTests;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** {@link FaceRenderData} against {@code get_facerender_data} (stage {@code facerender_batch}). */
class FaceRenderDataParityTest {
    @TestFactory
    Stream<DynamicTest> cases() {
        return ParityTests.cases("facerender_batch", FaceRenderDataParityTest::check);
    }

    private static void check(FixtureCase c) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            JsonNode p = c.params();
            RgbImage source = ImageTensors.fromHwcU8(c.input("source_png", m));
            NDArray first = c.input("first_coeff", m);
            NDArray generated = c.input("generated_coeff", m);
            FaceRenderData data = FaceRenderData.create(new RenderRequest(source,
                    new FaceCoefficients(1, first.get(0).toFloatArray(), null),
                    new MotionCoefficients((int) generated.getShape().get(0), generated.toFloatArray()), null,
                    Preprocess.valueOf(p.get("preprocess").asText().toUpperCase(Locale.ROOT)),
                    p.get("still_mode").asBoolean(), (float) p.get("expression_scale").asDouble(),
                    p.get("batch_size").asInt(), angles(p, "yaw"), angles(p, "pitch"), angles(p, "roll")),
                    p.get("size").asInt());
            assertThat(p.get("semantic_radius").asInt()).isEqualTo(FaceRenderData.SEMANTIC_RADIUS);
            ParityAssert.checkAll(c, name -> switch (name) {
                case "source_image" -> HostTensor.of(data.sourceImage(m));
                case "source_semantics" -> HostTensor.of(data.sourceSemantics(m));
                case "target_semantics" -> HostTensor.of(data.targetSemanticsList(m));
                case "yaw_c_seq" -> HostTensor.of(sequence(data, m, "yaw"));
                case "pitch_c_seq" -> HostTensor.of(sequence(data, m, "pitch"));
                case "roll_c_seq" -> HostTensor.of(sequence(data, m, "roll"));
                case "frame_num" -> HostTensor.of(new int[] {data.frameNum()}, 1);
                default -> null;
            });
        }
    }

    /** {@code input_<axis>_list} (or {@code input_<axis>}) from the params, null when absent. */
    private static int[] angles(JsonNode params, String axis) {
        JsonNode list = params.has("input_" + axis + "_list") ? params.get("input_" + axis + "_list")
                : params.get("input_" + axis);
        if (list == null || list.isNull()) {
            return null;
        }
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i).asInt();
        }
        return out;
    }

    /** The whole {@code (B, n)} sequence in the original's layout. */
    private static NDArray sequence(FaceRenderData data, NDManager m, String axis) {
        int padded = data.batchSize() * data.steps();
        NDArray all = switch (axis) {
            case "yaw" -> data.yaw(0, padded, m);
            case "pitch" -> data.pitch(0, padded, m);
            default -> data.roll(0, padded, m);
        };
        return all.reshape(data.batchSize(), data.steps());
    }
}
