package io.sadtalker.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** The tolerance metrics of the fixtures README, section 3, on real cases and on small hand-made ones. */
class ParityAssertTest {
    @TempDir
    Path tmp;

    /** Every expected tensor of every case passes against itself under its own rules. */
    @TestFactory
    Stream<DynamicTest> expectedPassesItself() {
        return FixtureCases.stages().stream().flatMap(stage -> ParityTests.cases(stage, c -> {
            for (String name : c.expectedNames()) {
                HostTensor e = c.expectedHost(name);
                for (ToleranceRule r : ParityAssert.rules(c, name)) {
                    if (r.metric().startsWith("detections_")) {
                        ParityAssert.checkMetric(c, name, r.metric(), e);
                    }
                }
                if (ParityAssert.rules(c, name).stream().noneMatch(r -> r.metric().startsWith("detections_"))) {
                    ParityAssert.check(c, name, e);
                }
            }
        }));
    }

    private static FixtureCase mapping() {
        return FixtureCase.read(Fixtures.cases().resolve("mapping").resolve("mapping_00229"));
    }

    @Test
    void maxAbsRelNamesTheWorstElement() {
        FixtureCase c = mapping();
        HostTensor yaw = c.expectedHost("yaw");
        double maxE = Arrays.stream(yaw.data()).map(Math::abs).max().orElseThrow();
        double tol = 1e-4 + 1e-3 * maxE;
        double[] near = yaw.data().clone();
        near[1 * 66 + 23] += 0.9 * tol;
        assertThatCode(() -> ParityAssert.check(c, "yaw", near, 2, 66)).doesNotThrowAnyException();
        double[] far = yaw.data().clone();
        far[1 * 66 + 23] += 1.1 * tol;
        far[5] += 0.5 * tol;
        assertThatThrownBy(() -> ParityAssert.check(c, "yaw", far, 2, 66)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("mapping/mapping_00229").hasMessageContaining("'yaw'")
                .hasMessageContaining("max_abs_rel").hasMessageContaining("at [1, 23]")
                .hasMessageContaining("expected " + yaw.data()[89]);
    }

    @Test
    void shapeMismatchFails() {
        FixtureCase c = mapping();
        try (NDManager manager = NDManager.newBaseManager()) {
            var t = c.expected("t", manager);
            assertThatCode(() -> ParityAssert.check(c, "t", t)).doesNotThrowAnyException();
            assertThatThrownBy(() -> ParityAssert.check(c, "t", t.reshape(3, 2))).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("shape mismatch: expected [2, 3], actual [3, 2]");
            assertThatThrownBy(() -> ParityAssert.check(c, "nope", t)).hasMessageContaining("no expected tensor 'nope'");
        }
    }

    @Test
    void slicedRulesApplyPerSlice() {
        FixtureCase c = FixtureCases.discover("pipeline").get(0);
        HostTensor e = c.expectedHost("first_coeff_3dmm");
        double[] v = e.data().clone();
        v[72] += 0.003;
        assertThatThrownBy(() -> ParityAssert.check(c, "first_coeff_3dmm", HostTensor.of(v, e.shape())))
                .hasMessageContaining("slice [:, 70:73]").hasMessageContaining("max_abs (atol 0.002)")
                .hasMessageContaining("at [0, 2]");
        v[72] -= 0.0015;
        assertThatCode(() -> ParityAssert.check(c, "first_coeff_3dmm", HostTensor.of(v, e.shape()))).doesNotThrowAnyException();
    }

    @Test
    void skipIgnoresTheValues() {
        FixtureCase c = FixtureCases.discover("mel").stream().filter(x -> x.expectedNames().contains("ratio_gt"))
                .findFirst().orElseThrow();
        assertThatCode(() -> ParityAssert.check(c, "ratio_gt", new float[] {7}, 1)).doesNotThrowAnyException();
    }

    @Test
    void detectionMetricsNeedCheckMetric() {
        FixtureCase c = FixtureCases.discover("retinaface").get(0);
        HostTensor dets = c.expectedHost("dets");
        assertThatThrownBy(() -> ParityAssert.check(c, "dets", dets)).hasMessageContaining("checkMetric");
        int n = (int) dets.shape()[0];
        double[] swapped = dets.data().clone();
        System.arraycopy(dets.data(), 15, swapped, 0, 15);
        System.arraycopy(dets.data(), 0, swapped, 15, 15);
        assertThatThrownBy(() -> ParityAssert.checkMetric(c, "dets", "detections_postprocess",
                HostTensor.of(swapped, n, 15))).hasMessageContaining("row 0");
        double[] fewer = Arrays.copyOf(dets.data(), (n - 2) * 15);
        assertThatCode(() -> ParityAssert.checkMetric(c, "dets", "detections_end_to_end", HostTensor.of(fewer, n - 2, 15)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> ParityAssert.checkMetric(c, "dets", "detections_postprocess",
                HostTensor.of(fewer, n - 2, 15))).hasMessageContaining("detections, expected " + n);
        double[] shifted = dets.data().clone();
        shifted[5] += 0.3;
        assertThatThrownBy(() -> ParityAssert.checkMetric(c, "dets", "detections_end_to_end",
                HostTensor.of(shifted, n, 15))).hasMessageContaining("first detection").hasMessageContaining("column 5");
    }

    @Test
    void handMadeCaseCoversMeanArgmaxDerivedAndU8() throws IOException {
        Path dir = tmp.resolve("demo").resolve("demo_case");
        Files.createDirectories(dir);
        // full output (1,3,2,2): channel c holds c*10 + position; at position 3 channels 1 and 2 tie (argmax 1)
        double[] full = {0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 13};
        HostTensor fullT = HostTensor.of(full, 1, 3, 2, 2);
        Map<String, HostTensor> expected = new LinkedHashMap<>();
        expected.put("img", HostTensor.of(new double[] {0, 128, 255, 7}, 2, 2));
        expected.put("smooth", HostTensor.of(new double[] {1, 2, 3, 4}, 4));
        expected.put("arg", HostTensor.of(new double[] {2, 2, 2, 1}, 2, 2));
        expected.put("cut", HostTensor.concat(List.of(fullT.slice(NumpySlice.parse("[:, 0:1, :, 1]")),
                fullT.slice(NumpySlice.parse("[:, 2:3, :, 1]"))), 1));
        writeF32(dir.resolve("expected.safetensors"), expected);
        Files.writeString(dir.resolve("case.json"), """
                {"stage": "demo", "name": "demo_case", "seed": null, "weights": [],
                 "tolerance": {"default": null, "per_tensor": {
                    "img": {"metric": "max_abs_u8", "atol_u8": 1, "mean_abs_max": 0.5},
                    "smooth": {"metric": "max_abs", "atol": 0.5, "mean_abs_max": 0.1, "unit": "px"},
                    "arg": {"metric": "argmax_mismatch_fraction", "max_fraction": 0.25},
                    "cut": {"metric": "exact"}}},
                 "inputs": {},
                 "expected": {
                    "img": {"shape": [2, 2], "dtype": "F32"},
                    "smooth": {"shape": [4], "dtype": "F32"},
                    "arg": {"shape": [2, 2], "dtype": "F32", "derived": {"of": "full", "slice": "[0]", "op": "argmax(axis=0) -> uint8"}},
                    "cut": {"shape": [1, 2, 2], "dtype": "F32", "derived": {"of": "full", "slices": ["[:, 0:1, :, 1]", "[:, 2:3, :, 1]"], "concat_axis": 1}}}}
                """);
        FixtureCase c = FixtureCase.read(dir);
        assertThatCode(() -> ParityAssert.check(c, "img", new int[] {1, 127, 255, 7}, 2, 2)).doesNotThrowAnyException();
        assertThatThrownBy(() -> ParityAssert.check(c, "img", new int[] {1, 127, 255, 6}, 2, 2))
                .hasMessageContaining("mean |a-e| 0.75").hasMessageContaining("mean_abs_max 0.5");
        assertThatThrownBy(() -> ParityAssert.check(c, "img", new float[] {0, 128.5f, 255, 7}, 2, 2))
                .hasMessageContaining("needs uint8 values");
        assertThatCode(() -> ParityAssert.check(c, "smooth", new double[] {1, 2, 3, 4.3}, 4)).doesNotThrowAnyException();
        assertThatThrownBy(() -> ParityAssert.check(c, "smooth", new double[] {1.3, 2, 3, 4.3}, 4))
                .hasMessageContaining("mean |a-e| 0.15");
        assertThatThrownBy(() -> ParityAssert.check(c, "smooth", new double[] {1, 2, Double.NaN, 4}, 4))
                .hasMessageContaining("at [2]");
        assertThat(ParityAssert.derive(c, "arg", fullT).data()).containsExactly(2, 2, 2, 1);
        assertThatCode(() -> ParityAssert.check(c, "arg", ParityAssert.derive(c, "arg", fullT))).doesNotThrowAnyException();
        assertThatThrownBy(() -> ParityAssert.check(c, "arg", new int[] {0, 0, 2, 1}, 2, 2))
                .hasMessageContaining("2 of 4 elements differ");
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] f = new float[full.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) full[i];
            }
            NDArray fullNd = manager.create(f, new Shape(1, 3, 2, 2));
            assertThatCode(() -> ParityAssert.checkDerived(c, "arg", fullNd)).doesNotThrowAnyException();
            assertThatCode(() -> ParityAssert.checkDerived(c, "cut", fullNd)).doesNotThrowAnyException();
        }
        assertThatCode(() -> ParityAssert.check(c, "cut", ParityAssert.derive(c, "cut", fullT))).doesNotThrowAnyException();
        assertThatThrownBy(() -> ParityAssert.check(c, "cut", new double[] {1, 3, 21, 3.5}, 1, 2, 2))
                .hasMessageContaining("exact").hasMessageContaining("first at [0, 1, 1]");
    }

    @Test
    void checkAllChecksExactlyTheListedTensors() throws IOException {
        Path dir = tmp.resolve("demo").resolve("listed_case");
        Files.createDirectories(dir);
        Map<String, HostTensor> expected = new LinkedHashMap<>();
        expected.put("a", HostTensor.of(new double[] {1, 2}, 2));
        expected.put("b_cut", HostTensor.of(new double[] {5}, 1));
        writeF32(dir.resolve("expected.safetensors"), expected);
        Files.writeString(dir.resolve("case.json"), """
                {"stage": "demo", "name": "listed_case", "weights": [],
                 "info": {"box": [1.00005, 2.0]},
                 "tolerance": {"default": {"metric": "max_abs", "atol": 1e-4}, "per_tensor": {}},
                 "inputs": {},
                 "expected": {
                    "a": {"shape": [2], "dtype": "F32"},
                    "b_cut": {"shape": [1], "dtype": "F32", "derived": {"of": "b", "slice": "[1:2]"}}}}
                """);
        FixtureCase c = FixtureCase.read(dir);
        List<String> asked = new java.util.ArrayList<>();
        ParityAssert.Outputs outputs = name -> {
            asked.add(name);
            return switch (name) {
                case "a" -> HostTensor.of(new double[] {1, 2.00005}, 2);
                case "b" -> HostTensor.of(new double[] {4, 5, 6}, 3);
                case "unlisted" -> throw new AssertionError("an unlisted output is never asked for");
                default -> null;
            };
        };
        assertThatCode(() -> ParityAssert.checkAll(c, outputs)).doesNotThrowAnyException();
        assertThat(asked).containsExactly("a", "b");
        assertThatThrownBy(() -> ParityAssert.checkAll(c, name -> name.equals("a") ? HostTensor.of(new double[] {1, 2}, 2)
                : null)).hasMessageContaining("no output 'b' for expected tensor 'b_cut'");
        assertThatCode(() -> ParityAssert.checkListed(c, name -> name.equals("a") ? HostTensor.of(new double[] {1, 2}, 2)
                : null)).doesNotThrowAnyException();
        assertThatThrownBy(() -> ParityAssert.checkListed(c, name -> null)).hasMessageContaining("none of the expected");
        assertThatThrownBy(() -> ParityAssert.checkAll(c, name -> name.equals("a") ? HostTensor.of(new double[] {1, 3}, 2)
                : HostTensor.of(new double[] {4, 5, 6}, 3))).hasMessageContaining("'a'");

        // an info value at the rule of the expected tensor holding the same quantity, never tighter
        HostTensor box = HostTensor.of(new double[] {1, 2}, 2);
        HostTensor recorded = HostTensor.of(new double[] {1.00005, 2}, 2);
        assertThatCode(() -> ParityAssert.checkInfo(c, "box", "a", recorded, box)).doesNotThrowAnyException();
        assertThatThrownBy(() -> ParityAssert.checkInfo(c, "box", "a", HostTensor.of(new double[] {1.001, 2}, 2), box))
                .hasMessageContaining("info box (at the rule of 'a')");
        assertThatCode(() -> ParityAssert.checkInfo(c, "box", "not_listed", HostTensor.of(new double[] {9, 9}, 2), box))
                .doesNotThrowAnyException();
    }

    @Test
    void paramFileIsRelativeToTheFixturesRootWithAnOptionalComment() throws IOException {
        Path dir = tmp.resolve("demo").resolve("param_case");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("case.json"), """
                {"stage": "demo", "name": "param_case", "weights": [],
                 "params": {"plain": "config/facerender.yaml", "commented": "config/facerender.yaml (fixtures root)",
                            "missing": "media/none.wav (fixtures root)"},
                 "inputs": {}, "expected": {}}
                """);
        FixtureCase c = FixtureCase.read(dir);
        Path yaml = Fixtures.root().resolve("config/facerender.yaml");
        assertThat(c.paramFile("plain")).isEqualTo(yaml);
        assertThat(c.paramFile("commented")).isEqualTo(yaml);
        assertThatThrownBy(() -> c.paramFile("missing")).hasMessageContaining("names no file");
        assertThatThrownBy(() -> c.paramFile("absent")).hasMessageContaining("absent");
    }

    /** A minimal F32 safetensors file for hand-made cases. */
    static void writeF32(Path file, Map<String, HostTensor> tensors) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        long offset = 0;
        for (Map.Entry<String, HostTensor> e : tensors.entrySet()) {
            long end = offset + 4L * e.getValue().size();
            header.put(e.getKey(), Map.of("dtype", "F32", "shape", e.getValue().shape(), "data_offsets", new long[] {offset, end}));
            offset = end;
        }
        byte[] json = Json.MAPPER.writeValueAsBytes(header);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length + (int) offset).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length).put(json);
        for (HostTensor t : tensors.values()) {
            for (double d : t.data()) {
                b.putFloat((float) d);
            }
        }
        Files.write(file, b.array());
    }
}
