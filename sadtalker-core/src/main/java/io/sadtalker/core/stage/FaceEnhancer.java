package io.sadtalker.core.stage;

import io.sadtalker.core.image.RgbImage;

/**
 * Restores faces in one video frame (SadTalker's {@code --enhancer}); a public SPI: any implementation can be
 * passed to the pipeline builder. The result may be larger than the input (GFPGAN as SadTalker uses it
 * upscales 2x). A frame without a face passes through (possibly resized).
 */
public interface FaceEnhancer {
    /** Enhances {@code frame}; random draws (if any) come from a fresh, unseeded generator. */
    RgbImage enhance(RgbImage frame);

    /**
     * As {@link #enhance(RgbImage)} with every random draw (GFPGAN's per-layer noise) taken from a generator seeded
     * with {@code seed}: the same frame and seed give the same result, whatever runs beside it. The pipeline passes
     * seeds derived from the request's seed. The default, for enhancers without randomness, ignores the seed.
     */
    default RgbImage enhance(RgbImage frame, long seed) {
        return enhance(frame);
    }
}
