package io.sadtalker.core.image;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sadtalker.core.SadTalkerException;
import io.sadtalker.core.fuzz.FuzzFiles;
import java.nio.file.Path;

/**
 * Jazzer fuzz target of image opening ({@link ImageFiles#read}): any bytes give an image or a typed
 * {@link SadTalkerException} (OpenCV's decoders are native and not coverage-guided; their crashes still end the run).
 */
class ImageFilesFuzzTest {
    private static final Path IMAGE = FuzzFiles.scratch(".img");

    @FuzzTest(maxDuration = "5m")
    void read(byte[] input) {
        try {
            ImageFiles.read(FuzzFiles.write(IMAGE, input));
        } catch (SadTalkerException expected) {
            // a clear, typed refusal
        }
    }
}
