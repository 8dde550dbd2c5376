package io.sadtalker.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.sadtalker.core.CheckpointException;
import io.sadtalker.core.weights.TensorInfo;
import io.sadtalker.core.weights.Weights;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every case of the fixture set is readable and consistent; weights bind with the README's values. */
class FixtureCasesTest {
    @TestFactory
    Stream<DynamicTest> everyCaseIsConsistent() {
        return FixtureCases.stages().stream().flatMap(stage -> ParityTests.cases(stage, c -> {
            try (SafetensorsReader in = SafetensorsReader.open(c.file("inputs.safetensors"));
                    SafetensorsReader out = SafetensorsReader.open(c.file("expected.safetensors"))) {
                for (String name : c.inputNames()) {
                    checkDeclared(c, "inputs", name, in.info(name));
                }
                for (String name : c.expectedNames()) {
                    checkDeclared(c, "expected", name, out.info(name));
                    assertThat(ParityAssert.rules(c, name)).isNotEmpty();
                }
            }
            for (Iterator<String> it = c.json().path("tolerance").path("per_tensor").fieldNames(); it.hasNext(); ) {
                assertThat(c.expectedNames()).as(c + " per_tensor names").contains(it.next());
            }
            for (WeightEntry w : c.weightEntries()) {
                assertThat(new SyntheticTensorSource(w, c.seed()).keys()).isNotEmpty();
            }
        }));
    }

    private static void checkDeclared(FixtureCase c, String field, String name, TensorInfo info) {
        var doc = c.json().path(field).path(name);
        assertThat(info.shape()).as(c + " " + name + " shape").containsExactly(Json.longs(doc.path("shape")));
        assertThat(info.dtype().name()).as(c + " " + name + " dtype").isEqualTo(doc.path("dtype").asText());
    }

    @Test
    void discoversMappingCasesSorted() {
        List<FixtureCase> cases = FixtureCases.discover("mapping");
        assertThat(cases).extracting(FixtureCase::name).isSorted().contains("mapping_00229");
        FixtureCase c = cases.stream().filter(x -> x.name().equals("mapping_00229")).findFirst().orElseThrow();
        assertThat(c.stage()).isEqualTo("mapping");
        assertThat(c.seed()).isEqualTo("dev-1");
        assertThat(c.params().path("coeff_nc").asInt()).isEqualTo(70);
        assertThat(c.expectedNames()).containsExactly("yaw", "pitch", "roll", "t", "exp");
        assertThat(c.toString()).isEqualTo("mapping/mapping_00229");
    }

    @Test
    void loadsInputsOfEachDtype() {
        FixtureCase c = FixtureCase.read(Fixtures.cases().resolve("mapping").resolve("mapping_00229"));
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = c.input("input_3dmm", manager);
            assertThat(x.getShape().getShape()).containsExactly(2, 70, 27);
            assertThat(x.getDataType()).isEqualTo(DataType.FLOAT32);
            HostTensor host = c.inputHost("input_3dmm");
            assertThat(x.toFloatArray()[100]).isEqualTo((float) host.data()[100]);
            assertThat(x.max().getFloat()).isEqualTo((float) c.json().path("inputs").path("input_3dmm").path("max").asDouble());
        }
        FixtureCase align = FixtureCases.discover("align_img").get(0);
        String u8 = align.expectedNames().stream()
                .filter(n -> align.json().path("expected").path(n).path("dtype").asText().equals("U8")).findFirst().orElseThrow();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray img = align.expected(u8, manager);
            assertThat(img.getDataType()).isEqualTo(DataType.UINT8);
            assertThat(HostTensor.of(img).data()).containsExactly(align.expectedHost(u8).data());
        }
    }

    @Test
    void weightsBindWithManifestValuesAndStrictness() {
        FixtureCase c = FixtureCase.read(Fixtures.cases().resolve("mapping").resolve("mapping_00229"));
        try (NDManager manager = NDManager.newBaseManager()) {
            Weights w = c.weights(manager);
            assertThat(w.keys()).hasSize(18).contains("first.0.bias", "fc_yaw.weight");
            float[] bias = w.prefix("first").prefix(0).get("bias", 1024).toFloatArray();
            assertThat(Float.floatToRawIntBits(bias[1])).isEqualTo(0xbd989702);
            assertThatThrownBy(() -> w.get("first.0.weight", 1, 2)).isInstanceOf(CheckpointException.class);
            assertThatThrownBy(() -> w.bind(x -> x.get("first.0.bias"))).isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("unused");
        }
    }

    @Test
    void keyPrefixAndStripAreRemoved() {
        try (NDManager manager = NDManager.newBaseManager()) {
            FixtureCase retina = FixtureCases.discover("retinaface").get(0);
            assertThat(retina.weights(manager).keys()).isNotEmpty().noneMatch(k -> k.startsWith("module."));
            FixtureCase kp = FixtureCases.discover("kp_detector").get(0);
            Weights w = kp.weights(manager);
            assertThat(w.keys()).contains("down.weight").noneMatch(k -> k.startsWith("kp_extractor."));
            assertThat(w.get("down.weight").toFloatArray()).containsExactly(((Manifest.Values) SyntheticWeightsTest
                    .tensor(Manifest.load("SadTalker_V0.0.2_256.safetensors"), "kp_extractor.down.weight").init()).values());
            FixtureCase multi = FixtureCases.discover("audio2coeff").get(0);
            assertThatThrownBy(() -> multi.weights(manager)).hasMessageContaining("weights(manager, index)");
            assertThat(multi.weights(manager, 1).keys()).allMatch(k -> !k.startsWith("audio2pose."));
            NDArray nbt = multi.weights(manager, 1).get(multi.weights(manager, 1).keys().stream()
                    .filter(k -> k.endsWith("num_batches_tracked")).findFirst().orElseThrow());
            assertThat(nbt.getDataType()).isEqualTo(DataType.INT64);
            assertThat(nbt.getShape().dimension()).isZero();
            assertThat(nbt.getLong()).isZero();
        }
    }

    @Test
    void missingStageIsAFailingTest() {
        List<DynamicTest> tests = ParityTests.cases("no_such_stage", c -> { }).toList();
        assertThat(tests).hasSize(1);
        assertThat(tests.get(0).getDisplayName()).isEqualTo("no_such_stage/<no cases>");
        assertThatThrownBy(() -> tests.get(0).getExecutable().execute()).isInstanceOf(AssertionError.class)
                .hasMessageContaining("no_such_stage");
        assertThat(ParityTests.cases("mapping", c -> { }).map(DynamicTest::getDisplayName))
                .contains("mapping/mapping_00229");
    }
}
