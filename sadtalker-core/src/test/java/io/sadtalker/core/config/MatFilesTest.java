package io.sadtalker.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sadtalker.core.MediaException;
import io.sadtalker.testkit.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
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

    /** Fuzzing finding: a 262-byte file whose array-flags element declares 2 GB made MFL allocate 2 GB. */
    @Test
    void sizesTheFileCannotHoldAreRefusedBeforeAnythingIsAllocated() throws Exception {
        Path found = Path.of(getClass().getResource("MatFilesFuzzTestInputs/readMatrix/array-flags-declaring-2GB")
                .toURI());
        assertThatThrownBy(() -> MatFiles.readMatrix(found, "x")).isInstanceOf(MediaException.class)
                .hasMessageContaining(found.toString()).hasMessageContaining("an element of 2130706432 bytes");

        // a 100000 x 100000 double matrix whose data element holds one value
        Path huge = Files.write(dir.resolve("huge.mat"), mat(matrix(100000, 100000, element(9, new byte[8]))));
        assertThatThrownBy(() -> MatFiles.readMatrix(huge, "x")).isInstanceOf(MediaException.class)
                .hasMessageContaining(huge.toString()).hasMessageContaining("a 10000000000-element array");

        // the same form with its data present reads
        ByteBuffer two = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(1.5).putDouble(-2);
        Path fine = Files.write(dir.resolve("fine.mat"), mat(matrix(1, 2, element(9, two.array()))));
        assertThat(MatFiles.readMatrix(fine, "x")[0]).containsExactly(1.5f, -2f);
    }

    @Test
    void compressedVariablesInflatingPastTheLimitAreRefused() throws Exception {
        byte[] zeros = new byte[MatFiles.MAX_INFLATED_BYTES + 8];
        Deflater deflater = new Deflater();
        deflater.setInput(zeros);
        deflater.finish();
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        byte[] chunk = new byte[1 << 16];
        while (!deflater.finished()) {
            packed.write(chunk, 0, deflater.deflate(chunk));
        }
        deflater.end();
        Path bomb = Files.write(dir.resolve("bomb.mat"), mat(element(15, packed.toByteArray())));
        assertThat(Files.size(bomb)).isLessThan(1 << 20);
        assertThatThrownBy(() -> MatFiles.readMatrix(bomb, "x")).isInstanceOf(MediaException.class)
                .hasMessageContaining(bomb.toString()).hasMessageContaining("inflating past " + MatFiles.MAX_INFLATED_BYTES);
    }

    @Test
    void filesOverTheLimitAreRefusedUnread() throws Exception {
        Path big = dir.resolve("big.mat");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(MatFiles.MAX_FILE_BYTES + 1L);
        }
        assertThatThrownBy(() -> MatFiles.readMatrix(big, "x")).isInstanceOf(MediaException.class)
                .hasMessageContaining(big.toString()).hasMessageContaining("over the limit of " + MatFiles.MAX_FILE_BYTES);
    }

    /** A little-endian MAT 5 file: the 128-byte header, then {@code elements}. */
    private static byte[] mat(byte[] elements) {
        ByteBuffer b = ByteBuffer.allocate(128 + elements.length).order(ByteOrder.LITTLE_ENDIAN);
        byte[] text = "MATLAB 5.0 MAT-file, test".getBytes(StandardCharsets.US_ASCII);
        b.put(text).position(116).putLong(0).putShort((short) 0x0100).put((byte) 'I').put((byte) 'M');
        return b.put(elements).array();
    }

    /** A double matrix named x of the given dimensions with {@code data} as its real part. */
    private static byte[] matrix(int rows, int cols, byte[] data) {
        ByteBuffer flags = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(6).putInt(0);
        ByteBuffer dims = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(rows).putInt(cols);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(element(6, flags.array()));
        body.writeBytes(element(5, dims.array()));
        body.writeBytes(element(1, new byte[] {'x'}));
        body.writeBytes(data);
        return element(14, body.toByteArray());
    }

    /** One data element: type, size, the bytes, padded to 8 (compressed elements unpadded). */
    private static byte[] element(int type, byte[] data) {
        int padding = type == 15 ? 0 : (8 - data.length % 8) % 8;
        ByteBuffer b = ByteBuffer.allocate(8 + data.length + padding).order(ByteOrder.LITTLE_ENDIAN);
        return b.putInt(type).putInt(data.length).put(data).array();
    }
}
