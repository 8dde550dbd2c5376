package io.sadtalker.core.weights;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several threads loading from one open checkpoint get the same values as a single thread. */
class ConcurrentLoadTest {
    private static final int TENSORS = 16;
    private static final int ELEMENTS = 67;
    private static final int ROUNDS = 3;

    @TempDir
    Path dir;

    @Test
    void loadsFromSeveralThreadsAtOnce() throws Exception {
        StringBuilder header = new StringBuilder("{");
        PickleOps pickle = PickleOps.protocol2().orderedDict().mark();
        Map<String, byte[]> storages = new HashMap<>();
        for (int t = 0; t < TENSORS; t++) {
            long begin = (long) t * ELEMENTS * 4;
            header.append(t == 0 ? "" : ",").append("\"t").append(t).append("\":{\"dtype\":\"F32\",\"shape\":[")
                    .append(ELEMENTS).append("],\"data_offsets\":[").append(begin).append(',')
                    .append(begin + ELEMENTS * 4L).append("]}");
            pickle.str("t" + t).tensor("FloatStorage", Integer.toString(t), ELEMENTS);
            storages.put(Integer.toString(t), TestFiles.floats(values(t)));
        }
        byte[] data = new byte[TENSORS * ELEMENTS * 4];
        for (int t = 0; t < TENSORS; t++) {
            System.arraycopy(storages.get(Integer.toString(t)), 0, data, t * ELEMENTS * 4, ELEMENTS * 4);
        }
        Path st = TestFiles.safetensors(dir.resolve("c.safetensors"), header.append('}').toString(), data);
        Path zip = TestFiles.torchZip(dir.resolve("c.pth"), "c", pickle.setItems().stop().bytes(), storages);
        for (Path file : List.of(st, zip)) {
            try (Checkpoint ckpt = Checkpoint.open(file)) {
                assertThat(loadAll(ckpt, 4)).isEqualTo(TENSORS * 4 * ROUNDS);
            }
        }
    }

    /** Loads every tensor ROUNDS times on each of {@code threads} threads, checking values; returns the loads done. */
    private static int loadAll(Checkpoint ckpt, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                done.add(pool.submit(() -> {
                    int loads = 0;
                    try (NDManager m = NDManager.newBaseManager()) {
                        JniUtils.setGradMode(false); // after the engine is loaded (JNI is bound lazily)
                        for (int round = 0; round < ROUNDS; round++) {
                            for (int t = 0; t < TENSORS; t++) {
                                assertThat(Arrays.equals(ckpt.load("t" + t, m).toFloatArray(), values(t))).isTrue();
                                loads++;
                            }
                        }
                    }
                    return loads;
                }));
            }
            int total = 0;
            for (Future<Integer> f : done) {
                total += f.get();
            }
            return total;
        } finally {
            pool.shutdown();
        }
    }

    private static float[] values(int tensor) {
        float[] v = new float[ELEMENTS];
        for (int i = 0; i < ELEMENTS; i++) {
            v[i] = tensor * 1000 + i;
        }
        return v;
    }
}
