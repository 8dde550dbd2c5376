package io.sadtalker.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Discovers the case directories of the fixtures, sorted by name; never a hard-coded list. */
public final class FixtureCases {
    private FixtureCases() {
    }

    /** Every case under {@code cases/<stage>/}, read and sorted; fails when the stage has no case. */
    public static List<FixtureCase> discover(String stage) {
        return caseDirs(stage).stream().map(FixtureCase::read).toList();
    }

    /** The case directories of {@code stage}, sorted; fails when the stage folder is missing or empty. */
    public static List<Path> caseDirs(String stage) {
        Path dir = Fixtures.cases().resolve(stage);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("no stage folder " + dir);
        }
        List<Path> dirs = subdirectories(dir);
        if (dirs.isEmpty()) {
            throw new IllegalStateException("stage folder " + dir + " holds no case");
        }
        return dirs;
    }

    /** Names of every stage folder under {@code cases/}, sorted. */
    public static List<String> stages() {
        return subdirectories(Fixtures.cases()).stream().map(p -> p.getFileName().toString()).toList();
    }

    private static List<Path> subdirectories(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
