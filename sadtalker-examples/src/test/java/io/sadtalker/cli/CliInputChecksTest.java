package io.sadtalker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sadtalker.testkit.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Bad options, files and output paths are answered before any model loads (the checkpoint directory here is
 * empty, so a run that got as far as loading would exit 3 instead), with the exit code of their kind and no stack
 * trace; output names never collide and an existing file is never replaced unasked.
 */
class CliInputChecksTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private Run run(String... options) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SadTalkerCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(options), out.toString(), err.toString());
    }

    /** The fixture portrait and speech with an empty checkpoint directory, plus {@code extra}. */
    private Run runWith(String... extra) {
        String[] base = {"--source_image", media("people_0.png"), "--driven_audio", media("bus_chinese.wav"),
            "--checkpoint_dir", dir.resolve("no-checkpoints").toString(), "--result_dir", dir.resolve("out").toString()};
        return run(Stream.concat(Stream.of(base), Stream.of(extra)).toArray(String[]::new));
    }

    private static String media(String name) {
        return Fixtures.media().resolve(name).toString();
    }

    @Test
    void optionsOutOfRangeAreUsageErrorsNotMissingFiles() {
        Run size = runWith("--size", "384");
        assertThat(size.code()).isEqualTo(2);
        assertThat(size.err()).contains("size must be 256 or 512, got 384").doesNotContain("safetensors");
        Run enhancer = runWith("--enhancer", "gfpgna");
        assertThat(enhancer.code()).isEqualTo(2);
        assertThat(enhancer.err()).contains("--enhancer must be gfpgan or RestoreFormer, got gfpgna");
        Run batch = runWith("--batch_size", "100000");
        assertThat(batch.code()).isEqualTo(2);
        assertThat(batch.err()).contains("batch size must be in 1..16, got 100000");
        Run overwrite = runWith("--overwrite");
        assertThat(overwrite.code()).isEqualTo(2);
        assertThat(overwrite.err()).contains("--overwrite applies to --output");
    }

    @Test
    void badInputFilesNameTheFileBeforeTheCheckpointsAreLookedAt() throws Exception {
        Path missing = dir.resolve("absent.png");
        Run absent = run("--source_image", missing.toString(), "--driven_audio", media("bus_chinese.wav"),
                "--checkpoint_dir", dir.toString());
        assertThat(absent.code()).isEqualTo(4);
        assertThat(absent.err()).contains("absent.png").doesNotContain("\tat ");

        Files.copy(Fixtures.media().resolve("bus_chinese.wav"), dir.resolve("speech.wav"));
        Path list = Files.writeString(dir.resolve("speech.m3u8"),
                "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:3.0,\nspeech.wav\n#EXT-X-ENDLIST\n");
        Run playlist = run("--source_image", media("people_0.png"), "--driven_audio", list.toString(),
                "--checkpoint_dir", dir.toString());
        assertThat(playlist.code()).isEqualTo(4);
        assertThat(playlist.err()).contains("speech.m3u8", "accepted").doesNotContain("missing checkpoint");
    }

    @Test
    void aFileAsResultDirIsAClearError() throws Exception {
        Path file = Files.writeString(dir.resolve("results"), "not a folder");
        Run r = run("--source_image", media("people_0.png"), "--driven_audio", media("bus_chinese.wav"),
                "--checkpoint_dir", dir.toString(), "--result_dir", file.toString());
        assertThat(r.code()).isEqualTo(4);
        assertThat(r.err()).contains("--result_dir", "exists and is not a directory").doesNotContain("\tat ");
        assertThat(Files.readString(file)).isEqualTo("not a folder");
    }

    @Test
    void anExistingOutputIsNotReplacedWithoutOverwrite() throws Exception {
        Path existing = Files.writeString(dir.resolve("talk.mp4"), "an earlier video");
        Run refused = runWith("--output", existing.toString());
        assertThat(refused.code()).isEqualTo(4);
        assertThat(refused.err()).contains("talk.mp4 already exists; pass --overwrite");
        assertThat(Files.readString(existing)).isEqualTo("an earlier video");

        Run allowed = runWith("--output", existing.toString(), "--overwrite"); // gets as far as the checkpoints
        assertThat(allowed.code()).isEqualTo(3);
        assertThat(Files.readString(existing)).isEqualTo("an earlier video");

        Path fresh = dir.resolve("fresh.mp4");
        assertThat(runWith("--output", fresh.toString()).code()).isEqualTo(3);
        assertThat(fresh).as("the reservation of a run that failed is removed").doesNotExist();
    }

    @Test
    void runsStartedInTheSameSecondGetDistinctFiles() {
        LocalDateTime start = LocalDateTime.of(2026, 12, 7, 2, 30, 15);
        try (OutputFile first = OutputFile.inResultDir(dir, start);
             OutputFile second = OutputFile.inResultDir(dir, start)) {
            assertThat(first.path().getFileName()).hasToString("2026_12_07_02.30.15.mp4");
            assertThat(second.path().getFileName()).hasToString("2026_12_07_02.30.15_2.mp4");
            first.keep();
        }
        assertThat(dir.resolve("2026_12_07_02.30.15.mp4")).exists();
        assertThat(dir.resolve("2026_12_07_02.30.15_2.mp4")).doesNotExist();
    }

    @Test
    void anInternalIllegalArgumentIsReportedAsABugNotAsInvalidOptions() throws Exception {
        StringWriter err = new StringWriter();
        CommandLine cli = SadTalkerCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        int code = cli.getExecutionExceptionHandler()
                .handleExecutionException(new IllegalArgumentException("shape mismatch"), cli, null);
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("shape mismatch", "a bug in sadtalker-java", "IllegalArgumentException");
    }
}
