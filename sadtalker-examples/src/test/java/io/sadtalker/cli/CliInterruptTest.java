package io.sadtalker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sadtalker.testkit.Fixtures;
import io.sadtalker.testkit.SyntheticCheckpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM (what Ctrl-C and {@code kill} send) in the middle of rendering: the CLI in a child JVM stops the run,
 * leaves no partial video and exits without a JVM crash report. The time from the signal to the exit (the rest of
 * the render batch under way) is printed, a measurement, not asserted.
 */
class CliInterruptTest {
    @TempDir
    Path dir;

    @Test
    void aSignalDuringRenderingStopsCleanlyWithoutOutput() throws Exception {
        Path ckpt = SyntheticCheckpoints.directory("cli", "dev-1", "SadTalker_V0.0.2_256.safetensors.json",
                "mapping_00229-model.pth.tar.json", "detection_Resnet50_Final.pth.json",
                "alignment_WFLW_4HG.pth.json");
        Path results = dir.resolve("out");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true", SadTalkerCli.class.getName(),
                "--source_image", Fixtures.media().resolve("people_0.png").toString(),
                "--driven_audio", Fixtures.media().resolve("bus_chinese.wav").toString(),
                "--checkpoint_dir", ckpt.toString(), "--result_dir", results.toString()).directory(dir.toFile());
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        pb.redirectOutput(dir.resolve("stdout.txt").toFile());
        Path stderr = dir.resolve("stderr.txt");
        pb.redirectError(stderr.toFile());
        Process child = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (!Files.readString(stderr).contains("Face Renderer") && child.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(Files.readString(stderr)).as("the child reached rendering").contains("Face Renderer");
            long signalled = System.nanoTime();
            child.destroy(); // SIGTERM
            if (child.waitFor(3, TimeUnit.MINUTES)) {
                System.out.printf(Locale.ROOT, "SIGTERM during rendering: the CLI exited after %.2f s%n",
                        (System.nanoTime() - signalled) / 1e9);
            }
        } finally {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        String err = Files.readString(stderr);
        assertThat(child.exitValue()).as(err).isEqualTo(143);
        assertThat(err).contains("interrupted: stopping the generation").doesNotContain("SIGSEGV");
        assertThat(Files.readString(dir.resolve("stdout.txt"))).doesNotContain(".mp4");
        try (Stream<Path> files = Files.walk(dir)) {
            // the test's own stdout.txt/stderr.txt aside, nothing but the empty result directory remains
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertThat(names).noneMatch(n -> n.startsWith("hs_err")).noneMatch(n -> n.contains(".mp4"));
        }
    }
}
