package io.sadtalker.core;

import static org.assertj.core.api.Assertions.assertThat;

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
}
