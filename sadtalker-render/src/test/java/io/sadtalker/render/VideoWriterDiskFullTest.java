package io.sadtalker.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills while encoding, made with a file-size limit on a child process ({@code prlimit --fsize}): the
 * writer fails with a {@link io.sadtalker.core.MediaException}, its temporary file is removed and nothing else in
 * the folder is touched.
 */
class VideoWriterDiskFullTest {
    @TempDir
    Path dir;

    @Test
    void aFullDiskIsAMediaExceptionAndLeavesOnlyWhatWasThere() throws Exception {
        Loader.load(avformat.class); // natives unpacked by this JVM: the child writes no more than the video
        Path other = Files.writeString(dir.resolve("earlier.mp4"), "an earlier result");
        Path target = dir.resolve("result.mp4");
        Path log = Files.createTempFile("disk-full", ".log"); // outside the limited child's reach
        try {
            Process child = new ProcessBuilder("prlimit", "--fsize=200000",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-XX:-UsePerfData", "-Xshare:off", "-cp", System.getProperty("java.class.path"),
                    WriteVideoUnderLimit.class.getName(), target.toString(), "250")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertThat(child.waitFor(3, TimeUnit.MINUTES)).isTrue();
            String out = Files.readString(log);
            assertThat(child.exitValue()).as(out).isEqualTo(3);
            assertThat(out).contains("MediaException: cannot", "result.mp4");
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files).containsExactly(other);
            }
            assertThat(Files.readString(other)).isEqualTo("an earlier result");
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
