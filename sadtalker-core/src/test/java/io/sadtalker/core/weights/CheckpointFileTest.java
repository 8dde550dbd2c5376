package io.sadtalker.core.weights;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Base of the checkpoint reader tests: one {@link NDManager} per class and a temporary folder per test. */
abstract class CheckpointFileTest {
    static NDManager manager;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void stop() {
        manager.close();
    }
}
