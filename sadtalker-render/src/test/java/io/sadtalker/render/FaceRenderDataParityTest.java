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
import io.sadtalker.testkit.FixtureCase;
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

    private static void check(FixtureCase c) {
        try (NDManager m = NDManager.newBaseManager()) {
            JsonNode p = c.params();
            RgbImage source = ImageTensors.fromHwcU8(c.input("source_png", m));
            NDArray first = c.input("first_coeff", m);
            NDArray generated = c.input("generated_coeff", m);
            FaceRenderData data = FaceRenderData.create(source,
                    new FaceCoefficients(1, first.get(0).toFloatArray(), null),
                    new MotionCoefficients((int) generated.getShape().get(0), generated.toFloatArray()),
                    Preprocess.valueOf(p.path("preprocess").asText("crop").toUpperCase(Locale.ROOT)),
                    p.path("still_mode").asBoolean(false), (float) p.path("expression_scale").asDouble(1.0),
                    p.path("batch_size").asInt(), p.path("size").asInt(),
                    angles(p, "yaw"), angles(p, "pitch"), angles(p, "roll"));
            assertThat(p.path("semantic_radius").asInt(FaceRenderData.SEMANTIC_RADIUS))
                    .isEqualTo(FaceRenderData.SEMANTIC_RADIUS);
            for (String name : c.expectedNames()) {
                switch (name) {
                    case "source_image" -> ParityAssert.check(c, name, data.sourceImage(m));
                    case "source_semantics" -> ParityAssert.check(c, name, data.sourceSemantics(m));
                    case "target_semantics" -> ParityAssert.check(c, name, data.targetSemanticsList(m));
                    case "yaw_c_seq" -> ParityAssert.check(c, name, sequence(data, m, "yaw"));
                    case "pitch_c_seq" -> ParityAssert.check(c, name, sequence(data, m, "pitch"));
                    case "roll_c_seq" -> ParityAssert.check(c, name, sequence(data, m, "roll"));
                    case "frame_num" -> ParityAssert.check(c, name, new int[] {data.frameNum()}, 1);
                    default -> throw new AssertionError("unknown expected tensor " + name + " in " + c);
                }
            }
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
