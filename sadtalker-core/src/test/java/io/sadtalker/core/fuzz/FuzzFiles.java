package io.sadtalker.core.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test helper for the Jazzer fuzz targets ({@code @FuzzTest}, replayed from their seed folders in
 * {@code src/test/resources/<package>/<Class>Inputs/<method>/} by {@code mvn test}; fuzzed with
 * {@code JAZZER_FUZZ=1}, one target per run): one scratch file per target, rewritten for every input.
 */
public final class FuzzFiles {
    private FuzzFiles() {
    }

    /** A new scratch file ending in {@code suffix}, deleted when the JVM exits. */
    public static Path scratch(String suffix) {
        try {
            Path file = Files.createTempFile("fuzz", suffix);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code bytes} to {@code file} and returns it. */
    public static Path write(Path file, byte[] bytes) {
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
