package io.sadtalker.core.media;

import io.sadtalker.core.MediaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Opens a local audio or video file with FFmpeg, restricted to what a speech file or a reference video can be:
 * the {@code file} protocol only ({@code protocol_whitelist}, which nested opens inherit: no network, no
 * {@code concat:}/{@code subfile:} URLs) and the demuxers of {@link #FORMATS} ({@code format_whitelist}; no
 * playlists such as HLS {@code .m3u8} or {@code ffconcat} lists, which would open other files). The format FFmpeg
 * detected is checked again after opening.
 */
public final class FfmpegInput {
    /** FFmpeg demuxer names accepted: wav, mp3, flac, ogg/opus, m4a/mp4/mov, webm/mkv, avi (and raw ADTS aac). */
    public static final List<String> FORMATS = List.of("wav", "mp3", "flac", "ogg", "mov", "mp4", "m4a", "matroska",
            "webm", "avi", "aac");

    private FfmpegInput() {
    }

    /** A grabber for {@code file} with the restrictions set; configure it further, then {@link #start} it. */
    public static FFmpegFrameGrabber grabber(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new MediaException(Files.exists(file) ? file + " is not a regular file" : "no such file: " + file);
        }
        if (!Files.isReadable(file)) {
            throw new MediaException("file " + file + " is not readable");
        }
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toAbsolutePath().toFile());
        grabber.setOption("protocol_whitelist", "file");
        grabber.setOption("format_whitelist", String.join(",", FORMATS));
        return grabber;
    }

    /**
     * Starts {@code grabber} (made by {@link #grabber}) and checks the detected format; on failure the grabber is
     * released and a {@link MediaException} names {@code file}.
     */
    public static void start(FFmpegFrameGrabber grabber, Path file) {
        try {
            avutil.av_log_set_level(avutil.AV_LOG_ERROR);
            grabber.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            release(grabber);
            throw new MediaException("cannot open " + file + " as audio or video (accepted: wav, mp3, flac, ogg/opus,"
                    + " m4a/mp4/mov, webm/mkv, avi): " + e.getMessage(), e);
        }
        String format = grabber.getFormat();
        if (format == null || Arrays.stream(format.split(",")).noneMatch(FORMATS::contains)) {
            release(grabber);
            throw new MediaException(file + " is in format '" + format + "', which is not accepted");
        }
    }

    /** Releases {@code grabber}'s native resources; never throws. */
    public static void release(FFmpegFrameGrabber grabber) {
        try {
            grabber.release();
        } catch (FrameGrabber.Exception | RuntimeException ignored) {
            // nothing more to release
        }
    }
}
