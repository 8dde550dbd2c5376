package io.sadtalker.core.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sadtalker.core.MediaException;
import io.sadtalker.core.fuzz.FuzzFiles;
import java.nio.file.Path;

/** Jazzer fuzz target of {@link MatFiles#readMatrix}: any bytes give a matrix or a {@link MediaException}. */
class MatFilesFuzzTest {
    private static final Path MAT = FuzzFiles.scratch(".mat");

    @FuzzTest(maxDuration = "5m")
    void readMatrix(byte[] input) {
        Path file = FuzzFiles.write(MAT, input);
        try {
            MatFiles.readMatrix(file, "x");
        } catch (MediaException expected) {
            // a clear, typed refusal
        }
    }
}
