package io.sadtalker.core.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sadtalker.core.MediaException;
import io.sadtalker.testkit.Fixtures;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Playlists and lists that make FFmpeg open other files are refused before the files they name are touched; local
 * files in the accepted formats open.
 */
class FfmpegInputTest {
    @TempDir
    Path dir;

    private Path speech() throws Exception {
        return Files.copy(Fixtures.media().resolve("RD_Radio31_000.wav"), dir.resolve("speech.wav"));
    }

    private static void open(Path file) {
        FFmpegFrameGrabber grabber = FfmpegInput.grabber(file);
        FfmpegInput.start(grabber, file);
        FfmpegInput.release(grabber);
    }

    @Test
    void aWavOpensAndReportsItsFormat() throws Exception {
        Path wav = speech();
        FFmpegFrameGrabber grabber = FfmpegInput.grabber(wav);
        FfmpegInput.start(grabber, wav);
        try {
            assertThat(grabber.getFormat()).isEqualTo("wav");
            assertThat(grabber.getAudioChannels()).isEqualTo(2);
        } finally {
            FfmpegInput.release(grabber);
        }
    }

    @Test
    void anFfconcatListIsRefusedThoughFfmpegAloneWouldFollowIt() throws Exception {
        speech();
        Path list = Files.writeString(dir.resolve("speech.wav.txt"), "ffconcat version 1.0\nfile 'speech.wav'\n");
        try (FFmpegFrameGrabber unrestricted = new FFmpegFrameGrabber(list.toFile())) {
            unrestricted.start(); // what an unrestricted open does: the list's file is read as audio
            assertThat(unrestricted.getFormat()).isEqualTo("concat");
            assertThat(unrestricted.getAudioChannels()).isEqualTo(2);
        }
        assertThatThrownBy(() -> open(list)).isInstanceOf(MediaException.class)
                .hasMessageContaining(list.toString()).hasMessageContaining("accepted");
    }

    @Test
    void anHlsPlaylistIsRefused() throws Exception {
        speech();
        Path playlist = Files.writeString(dir.resolve("speech.m3u8"),
                "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:8.0,\nspeech.wav\n#EXT-X-ENDLIST\n");
        assertThatThrownBy(() -> open(playlist)).isInstanceOf(MediaException.class)
                .hasMessageContaining(playlist.toString());
    }

    /** The referenced file is a FIFO: had FFmpeg opened it, the writer blocked on the other end would be released. */
    @Test
    void theFileAListNamesIsNeverOpened() throws Exception {
        Path fifo = dir.resolve("named.wav");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (FileOutputStream out = new FileOutputStream(fifo.toFile())) {
                out.write(1);
            } catch (Exception ignored) {
                // the reader below ends it
            }
        });
        Path concat = Files.writeString(dir.resolve("a.ffconcat"), "ffconcat version 1.0\nfile 'named.wav'\n");
        Path hls = Files.writeString(dir.resolve("b.m3u8"),
                "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:8.0,\nnamed.wav\n#EXT-X-ENDLIST\n");
        assertThatThrownBy(() -> open(concat)).isInstanceOf(MediaException.class);
        assertThatThrownBy(() -> open(hls)).isInstanceOf(MediaException.class);
        Thread.sleep(200);
        assertThat(writer).as("the FIFO was opened").isNotDone();
        try (InputStream in = Files.newInputStream(fifo)) { // releases the writer
            assertThat(in.read()).isEqualTo(1);
        }
        writer.get(10, TimeUnit.SECONDS);
    }

    @Test
    void networkAndNonRegularPathsAreRefusedBeforeFfmpeg() throws Exception {
        assertThatThrownBy(() -> FfmpegInput.grabber(dir)).isInstanceOf(MediaException.class)
                .hasMessageContaining("not a regular file");
        assertThatThrownBy(() -> FfmpegInput.grabber(Path.of("http://example.invalid/a.wav")))
                .isInstanceOf(MediaException.class).hasMessageContaining("no such file");
    }
}
