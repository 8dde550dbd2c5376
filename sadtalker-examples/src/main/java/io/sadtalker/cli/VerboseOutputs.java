package io.sadtalker.cli;

import io.sadtalker.core.FaceCoefficients;
import io.sadtalker.core.Landmarks;
import io.sadtalker.core.MediaException;
import io.sadtalker.core.MotionCoefficients;
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
 * The intermediates {@code --verbose} writes into the run's folder {@code saveDir}, named as the original names
 * them: {@code first_frame_dir/<picture>.png} (the cropped face), {@code <picture>_landmarks.txt} (as
 * {@code numpy.savetxt}, one row per frame), {@code <picture>.mat} ({@code coeff_3dmm}, {@code full_3dmm}), and
 * {@code <picture>##<audio>.mat} with the audio-driven {@code coeff_3dmm} (frames x 70) of
 * {@code Audio2Coeff.generate}.
 */
final class VerboseOutputs {
    private VerboseOutputs() {
    }

    static void write(PreparedPortrait portrait, MotionCoefficients motion, Path picture, Path audio, Path saveDir) {
        Path dir = saveDir.resolve("first_frame_dir");
        String pic = stem(picture);
        try {
            Files.createDirectories(dir);
            ImageFiles.write(portrait.cropped().face(), dir.resolve(pic + ".png"));
            Files.writeString(dir.resolve(pic + "_landmarks.txt"), savetxtRow(portrait.cropLandmarks()));
            FaceCoefficients c = portrait.coefficients();
            Map<String, float[][]> mat = new LinkedHashMap<>();
            mat.put("coeff_3dmm", new float[][] {c.coeff73()});
            if (c.full257() != null) {
                mat.put("full_3dmm", new float[][] {c.full257()});
            }
            MatFiles.write(dir.resolve(pic + ".mat"), mat);
            float[][] rows = new float[motion.frames()][];
            for (int t = 0; t < rows.length; t++) {
                rows[t] = motion.frame(t);
            }
            MatFiles.write(saveDir.resolve(pic + "##" + stem(audio) + ".mat"), Map.of("coeff_3dmm", rows));
        } catch (IOException e) {
            throw new MediaException("cannot write the verbose outputs to " + saveDir + ": " + e.getMessage(), e);
        }
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
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
