package io.sadtalker.core;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class GradModeTest {
    @Test
    void aNewThreadRecordsNoGradientsAfterDisabling() throws Exception {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                GradMode.disableForThisThread(); // before any NDManager exists in this thread
                try (NDManager m = NDManager.newBaseManager()) {
                    NDArray x = m.ones(new ai.djl.ndarray.types.Shape(2));
                    x.setRequiresGradient(true);
                    result.set(x.mul(3).hasGradient());
                }
            } catch (Throwable e) {
                result.set(e);
            }
        });
        t.start();
        t.join();
        assertThat(result.get()).isEqualTo(Boolean.FALSE);
    }
}
