package io.sadtalker.core;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Structure;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * glibc's allocator, set for libtorch's working pattern: every rendered frame allocates and frees the same
 * large activations (tens of MB). With glibc's defaults, blocks above 32 MB are fresh {@code mmap}s, so every frame
 * pays page faults on ~1 GB of new memory (an instance norm over a 33 MB map took 52 ms instead of 15), and freed
 * arena memory is trimmed and regrown. {@link #configure()} calls {@code mallopt(M_MMAP_MAX, 0)} and
 * {@code mallopt(M_TRIM_THRESHOLD, 2 GB)}, so freed blocks are reused frame after frame instead of being returned
 * and faulted in again: renders are ~7% faster. (Blocks above a thread arena's 64 MB heap are still mapped per
 * request; glibc does that whatever {@code M_MMAP_MAX} says, and a Java thread never gets the main arena.)
 * A process started with {@code MALLOC_ARENA_MAX=1 MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=2147483647} in its
 * environment (what {@code bin/sadtalker} sets) keeps those blocks too: after a few warm-up calls a GFPGAN or ParseNet
 * forward faults in almost nothing instead of 1.4-1.8 GB, which on a virtual machine with costly page faults took a
 * GFPGAN forward from 2.6-6.2 s (median 3.7) to 2.0-2.7 s (median 2.3) (benchmarks/README.md); only the
 * environment can set that, before the JVM starts.
 *
 * <p>Process-wide and idempotent. Skipped (left as the user set it) off Linux/glibc, when any {@code MALLOC_*}
 * variable or {@code GLIBC_TUNABLES} is set in the environment, or with {@code -Dsadtalker.malloc=default}.
 *
 * <p>{@link #usage()} reads glibc's own count of the native memory it has handed out and holds, to tell live
 * allocations (a leak would grow them) from memory the allocator keeps for reuse.
 */
public final class NativeMemory {
    /** What {@link #configure()} did. */
    public enum Outcome { CONFIGURED, DISABLED, USER_SETTINGS, UNSUPPORTED }

    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_MMAP_MAX = -4;
    private static final int TRIM_THRESHOLD = Integer.MAX_VALUE;
    private static final AtomicReference<Outcome> OUTCOME = new AtomicReference<>();
    private static final Logger LOG = LoggerFactory.getLogger(NativeMemory.class);

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
                Outcome outcome = apply(System.getenv(), System.getProperty("sadtalker.malloc", "tuned"),
                        System.getProperty("os.name", ""));
                OUTCOME.set(outcome);
                if (outcome == Outcome.CONFIGURED) {
                    LOG.info("glibc malloc tuned for the whole process: mallopt(M_MMAP_MAX, 0), M_TRIM_THRESHOLD {}"
                            + " (freed blocks are kept for reuse; -Dsadtalker.malloc=default turns this off). Blocks"
                            + " over 64 MB are still mapped afresh per request: start the JVM with MALLOC_ARENA_MAX=1"
                            + " MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=2147483647 in its environment to keep those"
                            + " too (bin/sadtalker does)", TRIM_THRESHOLD);
                } else {
                    LOG.info("glibc malloc left as it is: {}", outcome);
                }
            }
            return OUTCOME.get();
        }
    }

    /**
     * The process's native memory as glibc's allocator counts it, over all its arenas ({@code mallinfo2}); empty off
     * glibc or before 2.33.
     *
     * @param inUse bytes handed out by {@code malloc} and not yet freed (live allocations)
     * @param held  bytes the allocator has obtained from the system (live plus free memory kept for reuse)
     */
    public record Usage(long inUse, long held) {
    }

    /** See {@link Usage}. */
    public static Optional<Usage> usage() {
        try {
            Function mallinfo2 = NativeLibrary.getInstance("c").getFunction("mallinfo2");
            MallInfo2 m = (MallInfo2) mallinfo2.invoke(MallInfo2.class, new Object[0]);
            return Optional.of(new Usage(m.uordblks + m.hblkhd, m.arena + m.hblkhd));
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Hands the free memory glibc holds in all its arenas back to the system ({@code malloc_trim(0)}): what stays
     * resident afterwards is what is in use. With {@link #configure()}'s settings freed memory is otherwise kept for
     * good, so the pipeline builder calls this once its stages are loaded (loading the 256 renderer peaks ~2 GB above
     * what it keeps), and the renderer after its first batch and every 100 frames, which undoes the slow growth that
     * fragmentation of the thread arenas' 64 MB heaps causes over a long render (the next frame faults its working
     * memory in again: ~0.1 s for the trim, a fraction of a second in all). Returns whether anything was released;
     * false off glibc.
     */
    public static boolean trim() {
        try {
            return NativeLibrary.getInstance("c").getFunction("malloc_trim").invokeInt(new Object[] {0L}) == 1;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false;
        }
    }

    /** glibc's {@code struct mallinfo2}, returned by value (public only because JNA instantiates it). */
    @SuppressWarnings("unused") // fields are written by JNA
    public static final class MallInfo2 extends Structure implements Structure.ByValue {
        public long arena;
        public long ordblks;
        public long smblks;
        public long hblks;
        public long hblkhd;
        public long usmblks;
        public long fsmblks;
        public long uordblks;
        public long fordblks;
        public long keepcost;

        public MallInfo2() {
            super();
        }

        @Override
        protected List<String> getFieldOrder() {
            return List.of("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
                    "fordblks", "keepcost");
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
