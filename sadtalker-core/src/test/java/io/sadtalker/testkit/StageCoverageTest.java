package io.sadtalker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every stage folder of the fixtures is claimed by a module's parity test, as listed in
 * {@code io/sadtalker/testkit/parity-stages.txt} ({@code stage -> module}); a new, unknown stage fails here.
 */
class StageCoverageTest {
    private static final String LIST = "parity-stages.txt";

    @Test
    void everyStageFolderIsClaimed() throws IOException {
        Map<String, String> claimed = claimedStages();
        List<String> unclaimed = FixtureCases.stages().stream().filter(s -> !claimed.containsKey(s)).toList();
        assertThat(unclaimed).as("stage folders under " + Fixtures.cases() + " that no module claims in " + LIST)
                .isEmpty();
    }

    @Test
    void claimingModulesExist() throws IOException {
        for (Map.Entry<String, String> e : claimedStages().entrySet()) {
            if (e.getValue().startsWith("pending")) {
                continue;
            }
            assertThat(Files.isDirectory(Fixtures.mavenRoot().resolve(e.getValue())))
                    .as("module " + e.getValue() + " claiming stage " + e.getKey()).isTrue();
        }
    }

    /**
     * Each claim is backed by a parity test in the claiming module ({@code ParityTests.cases("<stage>", ...)}
     * under its {@code src/test/java}); a stage whose module is written {@code pending(<reason>)} is not
     * implemented yet and is reported, not hidden.
     */
    @Test
    void claimsAreBackedByParityTests() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String> e : claimedStages().entrySet()) {
            if (e.getValue().startsWith("pending")) {
                System.out.println("parity stage " + e.getKey() + " is " + e.getValue());
                continue;
            }
            String call = "ParityTests.cases(\"" + e.getKey() + "\"";
            java.nio.file.Path tests = Fixtures.mavenRoot().resolve(e.getValue()).resolve("src/test/java");
            boolean found;
            try (java.util.stream.Stream<java.nio.file.Path> files = Files.walk(tests)) {
                found = files.filter(f -> f.toString().endsWith(".java")).anyMatch(f -> contains(f, call));
            }
            if (!found) {
                missing.add(e.getKey() + " (" + e.getValue() + ")");
            }
        }
        assertThat(missing).as("claimed stages without a parity test in their module").isEmpty();
    }

    private static boolean contains(java.nio.file.Path file, String text) {
        try {
            return Files.readString(file).contains(text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The {@code stage -> module} lines of the list, in order; malformed or duplicate lines fail. */
    static Map<String, String> claimedStages() throws IOException {
        List<String> lines;
        try (InputStream in = StageCoverageTest.class.getResourceAsStream(LIST)) {
            assertThat(in).as(LIST + " on the test class path").isNotNull();
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        Map<String, String> claimed = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s*->\\s*");
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                problems.add("malformed line '" + raw + "'");
            } else if (claimed.put(parts[0], parts[1]) != null) {
                problems.add("stage " + parts[0] + " listed twice");
            }
        }
        assertThat(problems).as(LIST).isEmpty();
        return claimed;
    }
}
