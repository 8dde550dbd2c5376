package io.sadtalker.testkit;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * JUnit 5 dynamic tests over every case of a stage, for a {@code @TestFactory}:
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> mapping() {
 *     return ParityTests.cases("mapping", c -> { ...; ParityAssert.checkAll(c, name -> outputs.get(name)); });
 * }
 * }</pre>
 * Each test is named {@code stage/case}. A missing or empty stage folder, or a case that cannot be read, is a
 * failing test, never a silently empty stream.
 */
public final class ParityTests {
    private ParityTests() {
    }

    /** One dynamic test per case directory of {@code stage}, running {@code body} on the case. */
    public static Stream<DynamicTest> cases(String stage, ThrowingConsumer<FixtureCase> body) {
        List<Path> dirs;
        try {
            dirs = FixtureCases.caseDirs(stage);
        } catch (RuntimeException e) {
            return Stream.of(DynamicTest.dynamicTest(stage + "/<no cases>", () -> {
                throw new AssertionError("stage " + stage + ": " + e.getMessage(), e);
            }));
        }
        return dirs.stream().map(dir -> DynamicTest.dynamicTest(stage + "/" + dir.getFileName(), dir.toUri(), () -> {
            FixtureCase c = FixtureCase.read(dir);
            if (!c.stage().equals(stage) || !c.name().equals(dir.getFileName().toString())) {
                throw new AssertionError(dir + ": case.json names " + c + ", its folder is " + stage + "/" + dir.getFileName());
            }
            body.accept(c);
        }));
    }
}
