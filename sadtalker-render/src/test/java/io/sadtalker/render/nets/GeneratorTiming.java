package io.sadtalker.render.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.sun.management.OperatingSystemMXBean;
import io.sadtalker.testkit.FixtureCase;
import io.sadtalker.testkit.FixtureCases;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Per-frame render time with the source cache, batch 1 and 2, on the generator_256 case (opt-in:
 * {@code -Dsadtalker.perf=true}). Prints the best wall time and the process CPU time per frame over the repeats.
 */
@EnabledIfSystemProperty(named = "sadtalker.perf", matches = "true")
class GeneratorTiming {
    private static final int REPEATS = Integer.getInteger("sadtalker.perf.repeats", 3);

    @Test
    void perFrame() {
        FixtureCase c = FixtureCases.discover("generator").stream().filter(x -> x.name().equals("generator_256"))
                .findFirst().orElseThrow();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (NDManager manager = NDManager.newBaseManager()) {
            OcclusionAwareSPADEGenerator g = c.weights(manager)
                    .bind(w -> OcclusionAwareSPADEGenerator.load(w, CaseConfigs.of(c)));
            NDArray source = c.input("source_image", manager);
            NDArray kpDriving = c.input("kp_driving", manager);
            NDArray kpSource = c.input("kp_source", manager);
            double uncached = Double.MAX_VALUE;
            for (int r = 0; r < REPEATS; r++) {
                long t0 = System.nanoTime();
                g.forward(source, kpDriving, kpSource).prediction().close();
                uncached = Math.min(uncached, (System.nanoTime() - t0) / 1e9);
            }
            System.out.printf("PERF generator_256 uncached batch 1: %.3f s/frame wall (best of %d)%n", uncached, REPEATS);
            try (OcclusionAwareSPADEGenerator.SourceCache cache = g.prepare(source, kpSource)) {
                g.render(cache, kpDriving).close(); // warm-up
                for (int batch = 1; batch <= 2; batch++) {
                    NDArray kp = kpDriving.repeat(0, batch);
                    double bestWall = Double.MAX_VALUE;
                    double bestCpu = Double.MAX_VALUE;
                    for (int r = 0; r < REPEATS; r++) {
                        long cpu0 = os.getProcessCpuTime();
                        long t0 = System.nanoTime();
                        g.render(cache, kp).close();
                        bestWall = Math.min(bestWall, (System.nanoTime() - t0) / 1e9 / batch);
                        bestCpu = Math.min(bestCpu, (os.getProcessCpuTime() - cpu0) / 1e9 / batch);
                    }
                    System.out.printf("PERF generator_256 batch %d: %.3f s/frame wall (best of %d), %.3f s/frame process CPU%n",
                            batch, bestWall, REPEATS, bestCpu);
                }
            }
        }
    }
}
