package io.sadtalker.cli;

import io.sadtalker.core.Landmarks;
import io.sadtalker.core.MediaException;
import io.sadtalker.core.image.ImageFiles;
import io.sadtalker.core.pipeline.PreparedPortrait;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The intermediates {@code --verbose} writes, named as the original's first-frame folder: crop png, landmarks txt. */
final class VerboseOutputs {
    private VerboseOutputs() {
    }

    static void write(PreparedPortrait portrait, Path dir) {
        try {
            Files.createDirectories(dir);
            ImageFiles.write(portrait.cropped().face(), dir.resolve("source.png"));
            Files.writeString(dir.resolve("source_landmarks.txt"), text(portrait.cropLandmarks()));
        } catch (IOException e) {
            throw new MediaException("cannot write the verbose outputs to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** One line per landmark, "x y", as numpy.savetxt writes them. */
    private static String text(Landmarks lm) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lm.count(); i++) {
            sb.append(String.format(Locale.ROOT, "%.18e %.18e%n", lm.x(i), lm.y(i)));
        }
        return sb.toString();
    }
}
