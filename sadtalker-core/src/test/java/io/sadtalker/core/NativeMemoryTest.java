package io.sadtalker.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class NativeMemoryTest {
    @Test
    void theUsersOwnAllocatorSettingsWin() {
        assertThat(NativeMemory.apply(Map.of("MALLOC_ARENA_MAX", "2"), "tuned", "Linux"))
                .isEqualTo(NativeMemory.Outcome.USER_SETTINGS);
        assertThat(NativeMemory.apply(Map.of("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1"), "tuned", "Linux"))
                .isEqualTo(NativeMemory.Outcome.USER_SETTINGS);
        assertThat(NativeMemory.apply(Map.of(), "default", "Linux")).isEqualTo(NativeMemory.Outcome.DISABLED);
        assertThat(NativeMemory.apply(Map.of(), "tuned", "Mac OS X")).isEqualTo(NativeMemory.Outcome.UNSUPPORTED);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void glibcAcceptsTheSettings() {
        assertThat(NativeMemory.apply(Map.of(), "tuned", "Linux")).isEqualTo(NativeMemory.Outcome.CONFIGURED);
    }

    /**
     * glibc's counts are process-wide: the JIT compiler and GC threads malloc and free megabytes of their own
     * between two readings, so a reading is retried a few times and the closest one is checked.
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void usageCountsLiveNativeArrays() {
        long size = 64L << 20;
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.zeros(new Shape(1)).close(); // the engine's own first-use allocations
            long grown = Long.MAX_VALUE;
            long left = Long.MAX_VALUE;
            for (int attempt = 0; attempt < 5; attempt++) {
                long before = NativeMemory.usage().orElseThrow().inUse();
                NDArray array = manager.zeros(new Shape(size / 4));
                NativeMemory.Usage during = NativeMemory.usage().orElseThrow();
                assertThat(during.held()).isGreaterThanOrEqualTo(during.inUse());
                array.close();
                long after = NativeMemory.usage().orElseThrow().inUse();
                grown = closest(grown, during.inUse() - before, size);
                left = closest(left, after - before, 0);
            }
            assertThat(grown).isBetween(size - (1L << 20), size + (8L << 20));
            assertThat(left).isLessThan(8L << 20);
        }
    }

    private static long closest(long best, long measured, long target) {
        return Math.abs(measured - target) < Math.abs(best - target) ? measured : best;
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void trimHandsFreedMemoryBackToTheSystem() throws IOException {
        assumeTrue(NativeMemory.configure() == NativeMemory.Outcome.CONFIGURED, "allocator settings left to the user");
        try (NDManager manager = NDManager.newBaseManager()) {
            List<NDArray> arrays = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                arrays.add(manager.ones(new Shape(4L << 20))); // 16 MiB each, touched
            }
            for (int i = 0; i < arrays.size(); i += 2) {
                arrays.get(i).close(); // holes between live blocks: kept by the allocator, not returned
            }
            long before = rssMiB();
            assertThat(NativeMemory.trim()).isTrue();
            assertThat(before - rssMiB()).isGreaterThan(96);
        }
    }

    private static long rssMiB() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D+", "")) >> 10).findFirst().orElseThrow();
    }
}
