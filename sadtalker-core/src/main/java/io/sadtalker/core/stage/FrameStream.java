package io.sadtalker.core.stage;

import io.sadtalker.core.image.RgbImage;
import java.util.Iterator;

/**
 * Rendered frames in order, produced lazily so memory does not grow with the video length. Closing it stops the
 * production and frees native memory.
 */
public interface FrameStream extends Iterator<RgbImage>, AutoCloseable {
    /** Number of frames the stream yields in total. */
    int frameCount();

    @Override
    void close();
}
