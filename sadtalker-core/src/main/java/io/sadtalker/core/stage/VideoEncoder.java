package io.sadtalker.core.stage;

import io.sadtalker.core.image.RgbImage;
import java.nio.file.Path;

/** Writes frames and the driving audio to a video file. */
public interface VideoEncoder {
    /**
     * Opens a video at {@code target}: frames of {@code width x height} at {@code fps}, with {@code audio}
     * (may be null) cut to the frame count. Output goes to a temporary file that {@link Sink#commit()} moves into
     * place; {@link Sink#close()} without commit deletes it.
     */
    Sink open(Path target, int width, int height, double fps, Path audio);

    /** An open video being written. */
    interface Sink extends AutoCloseable {
        void write(RgbImage frame);

        /** Finishes the file and moves it to its target; returns the target. */
        Path commit();

        @Override
        void close();
    }
}
