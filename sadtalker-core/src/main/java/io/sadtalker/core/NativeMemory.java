package io.sadtalker.core;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * glibc's allocator, set for libtorch's working pattern: every rendered frame allocates and frees the same
 * large activations (tens of MB). With glibc's defaults, blocks above 32 MB are fresh {@code mmap}s, so every frame
 * pays page faults on ~1 GB of new memory (an instance norm over a 33 MB map took 52 ms instead of 15), and freed
 * arena memory is trimmed and regrown. {@link #configure()} calls {@code mallopt(M_MMAP_MAX, 0)} and
 * {@code mallopt(M_TRIM_THRESHOLD, 2 GB)}, so freed blocks are reused frame after frame instead of being returned
 * and faulted in again: renders are ~7% faster. (Blocks above a thread arena's 64 MB heap are still mapped per
 * request; glibc does that whatever {@code M_MMAP_MAX} says.)
 *
 * <p>Process-wide and idempotent. Skipped (left as the user set it) off Linux/glibc, when any {@code MALLOC_*}
 * variable or {@code GLIBC_TUNABLES} is set in the environment, or with {@code -Dsadtalker.malloc=default}.
 */
public final class NativeMemory {
    /** What {@link #configure()} did. */
    public enum Outcome { CONFIGURED, DISABLED, USER_SETTINGS, UNSUPPORTED }

    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_MMAP_MAX = -4;
    private static final int TRIM_THRESHOLD = Integer.MAX_VALUE;
    private static final AtomicReference<Outcome> OUTCOME = new AtomicReference<>();

    private NativeMemory() {
    }

    /** Sets the allocator once per process (see the class comment); returns what was done. */
    public static Outcome configure() {
        Outcome done = OUTCOME.get();
        if (done != null) {
            return done;
        }
        synchronized (OUTCOME) {
            if (OUTCOME.get() == null) {
                OUTCOME.set(apply(System.getenv(), System.getProperty("sadtalker.malloc", "tuned"),
                        System.getProperty("os.name", "")));
            }
            return OUTCOME.get();
        }
    }

    static Outcome apply(Map<String, String> env, String setting, String osName) {
        if ("default".equalsIgnoreCase(setting)) {
            return Outcome.DISABLED;
        }
        if (env.containsKey("GLIBC_TUNABLES") || env.keySet().stream().anyMatch(k -> k.startsWith("MALLOC_"))) {
            return Outcome.USER_SETTINGS;
        }
        if (!osName.toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return Outcome.UNSUPPORTED;
        }
        try {
            NativeLibrary libc = NativeLibrary.getInstance("c");
            libc.getFunction("gnu_get_libc_version"); // glibc only (not musl)
            Function mallopt = libc.getFunction("mallopt");
            boolean ok = mallopt.invokeInt(new Object[] {M_MMAP_MAX, 0}) == 1
                    & mallopt.invokeInt(new Object[] {M_TRIM_THRESHOLD, TRIM_THRESHOLD}) == 1;
            return ok ? Outcome.CONFIGURED : Outcome.UNSUPPORTED;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return Outcome.UNSUPPORTED;
        }
    }
}
