package io.sadtalker.benchmarks;

import io.sadtalker.core.CropInfo;
import io.sadtalker.core.FaceCoefficients;
import io.sadtalker.core.MotionCoefficients;
import io.sadtalker.core.NativeMemory;
import io.sadtalker.core.Preprocess;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.FrameStream;
import io.sadtalker.core.stage.RenderRequest;
import io.sadtalker.render.SadTalkerFaceRenderer;
import io.sadtalker.testkit.SyntheticCheckpoints;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Memory soak of the render stream: renders N frames at 256 (batch 2 unless given, synthetic full-size weights) through
 * {@link SadTalkerFaceRenderer} and prints the process RSS and the Java heap in use at chosen frames, to show
 * that memory stays flat however long the video. Usage: {@code RenderSoak <frames> <report-every> [batch]}.
 *
 * <p>RSS is read at the same point of the render cycle every time: after the reported frame, once the renderer's
 * worker has filled its queue and waits (no frame in flight), so a sample holds what the process keeps between
 * frames, not the working memory of whichever layer happened to run. The peak ({@code VmHWM}) is printed beside it.
 * Run with {@code -Xms} equal to {@code -Xmx} and {@code -XX:+AlwaysPreTouch} to take the Java heap's growth out
 * of the native figure. Beside RSS it prints glibc's own count ({@link NativeMemory#usage()}): the bytes in live
 * allocations (which a leak would grow) and the bytes the allocator holds for reuse.
 */
public final class RenderSoak {
    private RenderSoak() {
    }

    public static void main(String[] args) throws IOException {
        int frames = Integer.parseInt(args[0]);
        int every = Integer.parseInt(args[1]);
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Path dir = SyntheticCheckpoints.directory("soak", "bench", "SadTalker_V0.0.2_256.safetensors.json",
                "mapping_00229-model.pth.tar.json");
        Random random = new Random(9);
        float[] motion = new float[frames * MotionCoefficients.WIDTH];
        for (int i = 0; i < motion.length; i++) {
            motion[i] = (float) (0.2 * random.nextGaussian());
        }
        float[] source = new float[FaceCoefficients.WIDTH];
        byte[] face = new byte[256 * 256 * 3];
        random.nextBytes(face);
        RenderRequest request = new RenderRequest(RgbImage.wrap(256, 256, face), new FaceCoefficients(1, source, null),
                new MotionCoefficients(frames, motion), new CropInfo(256, 256, 0, 0, 256, 256, 0, 0, 256, 256),
                Preprocess.CROP, false, 1f, batch, null, null, null);
        long start = System.nanoTime();
        long window = start;
        try (SadTalkerFaceRenderer renderer = SadTalkerFaceRenderer.load(dir, 256, Preprocess.CROP);
             FrameStream stream = renderer.render(request)) {
            int n = 0;
            while (stream.hasNext()) {
                stream.next();
                n++;
                if (n % every == 0 || n == frames) {
                    long now = System.nanoTime();
                    if (n < frames) {
                        awaitIdleWorker();
                    }
                    Runtime rt = Runtime.getRuntime();
                    int since = n % every == 0 ? every : n % every;
                    System.out.printf("frame %d: rss %d MiB (peak %d MiB), Java heap %d MiB used of %d MiB committed,"
                            + " %.2f s/frame over the last %d frames (%.2f since the start)%n", n, status("VmRSS:"),
                            status("VmHWM:"),
                            (rt.totalMemory() - rt.freeMemory()) >> 20, rt.totalMemory() >> 20,
                            (now - window) / 1e9 / since, since, (now - start) / 1e9 / n);
                    NativeMemory.usage().ifPresent(u -> System.out.printf("  malloc: %d MiB in use, %d MiB held%n",
                            u.inUse() >> 20, u.held() >> 20));
                    jvmNative().ifPresent(line -> System.out.println("  JVM native (NMT): " + line));
                    window = now;
                }
            }
        }
    }

    /**
     * With {@code -XX:NativeMemoryTracking=summary}: the JVM's own native memory (committed total and its compiler,
     * arena and GC parts), to tell the JVM's share of an RSS change from libtorch's.
     */
    private static Optional<String> jvmNative() {
        try {
            String summary = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                    new Object[] {new String[] {"summary", "scale=MB"}}, new String[] {String[].class.getName()});
            if (summary == null || summary.contains("not enabled")) {
                return Optional.empty();
            }
            return Optional.of(summary.lines()
                    .filter(l -> l.startsWith("Total") || l.matches("-\\s+(Compiler|Arena Chunk|GC|Thread|Other)\\s.*"))
                    .map(l -> l.replaceAll("\\s+", " ").trim()).collect(Collectors.joining("; ")));
        } catch (JMException e) {
            return Optional.empty();
        }
    }

    /** Waits until the renderer's worker is parked on its full queue, i.e. between two frames. */
    private static void awaitIdleWorker() {
        Thread worker = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("sadtalker-face-renderer")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no renderer worker thread"));
        while (worker.isAlive() && worker.getState() != Thread.State.WAITING) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A memory line of /proc/self/status in MiB. */
    private static long status(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.replaceAll("\\D+", "")) >> 10;
            }
        }
        return -1;
    }
}
