package io.sadtalker.cli;

import io.sadtalker.core.FaceCoefficients;
import io.sadtalker.core.Landmarks;
import io.sadtalker.core.MediaException;
import io.sadtalker.core.config.MatFiles;
import io.sadtalker.core.image.ImageFiles;
import io.sadtalker.core.pipeline.PreparedPortrait;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The intermediates {@code --verbose} writes, as the original's {@code first_frame_dir}: the cropped face png,
 * its landmarks as {@code numpy.savetxt} writes them (one row per frame), and the 3DMM coefficients .mat
 * ({@code coeff_3dmm}, {@code full_3dmm}).
 */
final class VerboseOutputs {
    private VerboseOutputs() {
    }

    static void write(PreparedPortrait portrait, Path dir) {
        try {
            Files.createDirectories(dir);
            ImageFiles.write(portrait.cropped().face(), dir.resolve("source.png"));
            Files.writeString(dir.resolve("source_landmarks.txt"), savetxtRow(portrait.cropLandmarks()));
            FaceCoefficients c = portrait.coefficients();
            Map<String, float[][]> mat = new LinkedHashMap<>();
            mat.put("coeff_3dmm", new float[][] {c.coeff73()});
            if (c.full257() != null) {
                mat.put("full_3dmm", new float[][] {c.full257()});
            }
            MatFiles.write(dir.resolve("source.mat"), mat);
        } catch (IOException e) {
            throw new MediaException("cannot write the verbose outputs to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** All x, y values in one row, {@code %.18e} separated by spaces, as {@code np.savetxt(path, lm.reshape(1, -1))}. */
    private static String savetxtRow(Landmarks lm) {
        StringBuilder sb = new StringBuilder();
        float[] xy = lm.xy();
        for (int i = 0; i < xy.length; i++) {
            sb.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.18e", xy[i]));
        }
        return sb.append('\n').toString();
    }
}
