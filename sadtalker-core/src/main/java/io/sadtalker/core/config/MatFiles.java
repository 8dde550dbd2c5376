package io.sadtalker.core.config;

import io.sadtalker.core.MediaException;
import io.sadtalker.core.media.PartFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.zip.Deflater;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Sink;
import us.hebi.matlab.mat.types.Sinks;
import us.hebi.matlab.mat.types.Sources;

/**
 * MATLAB v5 {@code .mat} files as SadTalker uses them: reading a named numeric matrix ({@code scipy.io.loadmat})
 * and writing named float32 matrices as {@code scipy.io.savemat} does for float32 arrays (MAT 5, uncompressed,
 * single precision, 2-D).
 */
public final class MatFiles {
    /** Largest {@code .mat} file read (SadTalker's coefficient and landmark files take a few KB). */
    public static final int MAX_FILE_BYTES = 16 << 20;
    /** Most bytes the compressed variables of one file may inflate to, in all. */
    public static final int MAX_INFLATED_BYTES = 64 << 20;

    private MatFiles() {
    }

    /**
     * The 2-D real numeric matrix {@code name} of {@code file}, converted to float32, as rows. Files over
     * {@value #MAX_FILE_BYTES} bytes, compressed variables inflating past {@value #MAX_INFLATED_BYTES} bytes in all
     * and sizes the file's bytes cannot hold are refused before anything is allocated for them ({@link Mat5Bounds}).
     */
    public static float[][] readMatrix(Path file, String name) {
        byte[] bytes = readBounded(file);
        try {
            Mat5Bounds.check(bytes, MAX_INFLATED_BYTES);
        } catch (IllegalArgumentException e) {
            throw new MediaException(file + ": not a well-formed .mat file: " + e.getMessage(), e);
        }
        try (Mat5File mat = Mat5.newReader(Sources.wrap(bytes)).disableSubsystemProcessing().readMat()) {
            Array array = null;
            for (MatFile.Entry entry : mat.getEntries()) {
                if (entry.getName().equals(name)) {
                    array = entry.getValue();
                }
            }
            if (!(array instanceof Matrix m) || m.isLogical() || m.isComplex() || m.getNumDimensions() != 2) {
                throw new MediaException(file + ": no 2-D real numeric matrix '" + name + "'"
                        + (array == null ? "" : " (found " + array.getType() + " " + dims(array) + ")"));
            }
            float[][] rows = new float[m.getNumRows()][m.getNumCols()];
            for (int r = 0; r < rows.length; r++) {
                for (int c = 0; c < rows[r].length; c++) {
                    rows[r][c] = m.getFloat(r, c);
                }
            }
            return rows;
        } catch (IOException | RuntimeException e) {
            if (e instanceof MediaException me) {
                throw me;
            }
            throw new MediaException(file + ": cannot read .mat file: " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code matrices} (name to rows, every row of equal length) as single-precision variables, in map
     * order. The file is written beside {@code file} and moved into place when complete.
     */
    public static void write(Path file, Map<String, float[][]> matrices) {
        Mat5File mat = Mat5.newMatFile();
        matrices.forEach((name, rows) -> mat.addArray(name, matrix(name, rows)));
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = PartFiles.create(dir, file.getFileName().toString(), ".tmp");
            try (Sink sink = Sinks.newStreamingFile(tmp.toFile())) {
                Mat5.newWriter(sink).setDeflateLevel(Deflater.NO_COMPRESSION).writeMat(mat);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new MediaException(file + ": cannot write .mat file: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the move either happened or the error is already reported
                }
            }
        }
    }

    private static byte[] readBounded(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new MediaException(file + ": a .mat file of " + size + " bytes, over the limit of "
                        + MAX_FILE_BYTES);
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length > MAX_FILE_BYTES) {
                throw new MediaException(file + ": grew past " + MAX_FILE_BYTES + " bytes while read");
            }
            return bytes;
        } catch (IOException e) {
            throw new MediaException(file + ": cannot read .mat file: " + e.getMessage(), e);
        }
    }

    private static Matrix matrix(String name, float[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        Matrix m = Mat5.newMatrix(rows.length, cols, MatlabType.Single);
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != cols) {
                throw new IllegalArgumentException("matrix '" + name + "': row " + r + " has " + rows[r].length
                        + " values, row 0 has " + cols);
            }
            for (int c = 0; c < cols; c++) {
                m.setFloat(r, c, rows[r][c]);
            }
        }
        return m;
    }

    private static String dims(Array array) {
        return java.util.Arrays.toString(array.getDimensions());
    }
}
