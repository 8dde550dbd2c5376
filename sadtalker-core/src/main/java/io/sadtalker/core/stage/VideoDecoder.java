package io.sadtalker.core.stage;

import java.nio.file.Path;

/** Reads the frames of a video file (reference eye-blink / pose videos, or a video used as the portrait). */
public interface VideoDecoder {
    /** Opens {@code video}; throws {@link io.sadtalker.core.MediaException} when it has no readable frame. */
    FrameStream open(Path video);
}
