package io.sadtalker.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the shared fixtures and the synthetic-checkpoint cache live.
 *
 * <p>The fixtures root is the system property {@code sadtalker.fixtures}; without it, {@code ../shared/fixtures}
 * relative to the Maven root (the nearest directory, from the working directory upwards, that holds
 * {@code sadtalker-core}), so tests run from any module directory or from the root.
 */
public final class Fixtures {
    /** System property naming the fixtures root. */
    public static final String FIXTURES_PROPERTY = "sadtalker.fixtures";
    /** System property naming the synthetic-checkpoint cache folder. */
    public static final String CACHE_PROPERTY = "sadtalker.synthetic.cache";

    private Fixtures() {
    }

    /** The fixtures root (holds {@code cases/}, {@code manifests/}, {@code media/}, {@code config/}). */
    public static Path root() {
        String property = System.getProperty(FIXTURES_PROPERTY);
        Path root = property != null && !property.isBlank()
                ? Path.of(property)
                : mavenRoot().resolve("..").resolve("shared").resolve("fixtures");
        root = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("cases"))) {
            throw new IllegalStateException("fixtures root " + root + " has no cases/ folder (set -D"
                    + FIXTURES_PROPERTY + "=<path to shared/fixtures>)");
        }
        return root;
    }

    /** {@code <root>/cases}. */
    public static Path cases() {
        return root().resolve("cases");
    }

    /** {@code <root>/manifests}. */
    public static Path manifests() {
        return root().resolve("manifests");
    }

    /** {@code <root>/media}. */
    public static Path media() {
        return root().resolve("media");
    }

    /** {@code <root>/config}. */
    public static Path config() {
        return root().resolve("config");
    }

    /**
     * The folder synthetic checkpoints are cached in: system property {@code sadtalker.synthetic.cache}, else
     * {@code <maven root>/target/synthetic-checkpoints}.
     */
    public static Path syntheticCache() {
        String property = System.getProperty(CACHE_PROPERTY);
        Path cache = property != null && !property.isBlank()
                ? Path.of(property)
                : mavenRoot().resolve("target").resolve("synthetic-checkpoints");
        return cache.toAbsolutePath().normalize();
    }

    /** The Maven root: the nearest directory from the working directory upwards containing sadtalker-core. */
    public static Path mavenRoot() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("sadtalker-core")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no directory containing sadtalker-core above " + start
                + " (set -D" + FIXTURES_PROPERTY + " and -D" + CACHE_PROPERTY + ")");
    }
}
