package io.sadtalker.core.nn;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Base of the op tests: a fresh {@link NDManager} {@code m} per test, closed after it. */
abstract class ManagedArrays {
    protected NDManager m;

    @BeforeEach
    void open() {
        m = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        m.close();
    }
}
