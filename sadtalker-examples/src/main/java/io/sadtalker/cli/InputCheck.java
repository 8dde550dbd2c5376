package io.sadtalker.cli;

import io.sadtalker.audio.decode.FfmpegAudioDecoder;
import io.sadtalker.core.MediaLimits;
import io.sadtalker.core.stage.FrameStream;
import io.sadtalker.preprocess.video.FfmpegVideoDecoder;
import java.nio.file.Path;

/**
 * The command's input files checked before any model loads, by the same decoders the run uses: a portrait or
 * reference video must open and yield its first frame within the picture-size limit; the speech file is decoded
 * through (streamed, nothing kept), so a missing, unreadable, refused-format, too long, truncated or non-finite
 * audio file fails here with a {@link io.sadtalker.core.MediaException} naming it.
 */
final class InputCheck {
    private InputCheck() {
    }

    /** Opens {@code picture} (a picture, or a video's first frame) and lets it go. */
    static void picture(Path picture, MediaLimits limits) {
        try (FrameStream frames = new FfmpegVideoDecoder(limits).open(picture)) {
            frames.next();
        }
    }

    /** Decodes {@code audio} to the end without keeping its samples. */
    static void audio(Path audio, MediaLimits limits) {
        new FfmpegAudioDecoder(limits).decode(audio, (samples, offset, length) -> { });
    }
}
