package io.sadtalker.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sadtalker.core.MediaException;
import io.sadtalker.testkit.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatFilesTest {
    @TempDir
    Path dir;

    @Test
    void readsTheOriginalLandmarkFile() {
        float[][] lm = MatFiles.readMatrix(Fixtures.config().resolve("similarity_Lm3D_all.mat"), "lm");
        assertThat(lm).hasDimensions(68, 3);
        assertThat(lm[30]).containsExactly(0.0032534988f, -0.046179324f, 0.55244243f);
    }

    @Test
    void writesUncompressedSinglePrecisionMatricesThatReadBack() throws IOException {
        float[][] coeff = new float[10][70];
        for (int r = 0; r < 10; r++) {
            for (int c = 0; c < 70; c++) {
                coeff[r][c] = r * 0.5f - c * 1e-3f;
            }
        }
        Map<String, float[][]> vars = new LinkedHashMap<>();
        vars.put("coeff_3dmm", coeff);
        vars.put("full_3dmm", new float[][] {{1.5f, -2.25f, Float.MIN_VALUE}});
        Path file = dir.resolve("coeffs.mat");
        MatFiles.write(file, vars);

        byte[] bytes = Files.readAllBytes(file);
        assertThat(new String(bytes, 0, 19, StandardCharsets.US_ASCII)).isEqualTo("MATLAB 5.0 MAT-file");
        // first variable tag right after the 128-byte header: miMATRIX (14), not miCOMPRESSED (15)
        assertThat(bytes[128]).isEqualTo((byte) 14);
        float[][] back = MatFiles.readMatrix(file, "coeff_3dmm");
        assertThat(back).hasDimensions(10, 70);
        for (int r = 0; r < 10; r++) {
            assertThat(back[r]).containsExactly(coeff[r]);
        }
        assertThat(MatFiles.readMatrix(file, "full_3dmm")[0]).containsExactly(1.5f, -2.25f, Float.MIN_VALUE);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("coeffs.mat");
        }
    }

    @Test
    void namesTheFileAndVariableOnErrors() throws IOException {
        Path lm = Fixtures.config().resolve("similarity_Lm3D_all.mat");
        assertThatThrownBy(() -> MatFiles.readMatrix(lm, "nope")).isInstanceOf(MediaException.class)
                .hasMessageContaining(lm.toString()).hasMessageContaining("'nope'");
        Path garbage = Files.write(dir.resolve("garbage.mat"), Arrays.copyOf("not a mat file".getBytes(), 300));
        assertThatThrownBy(() -> MatFiles.readMatrix(garbage, "lm")).isInstanceOf(MediaException.class)
                .hasMessageContaining(garbage.toString());
    }
}
