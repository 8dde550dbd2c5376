package io.sadtalker.core.stage;

import io.sadtalker.core.image.RgbImage;

/**
 * Restores faces in one video frame (SadTalker's {@code --enhancer}); a public SPI: any implementation can be
 * passed to the pipeline builder. The result may be larger than the input (GFPGAN as SadTalker uses it
 * upscales 2x). A frame without a face passes through (possibly resized).
 */
public interface FaceEnhancer {
    RgbImage enhance(RgbImage frame);
}
