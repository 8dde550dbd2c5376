package io.sadtalker.enhance;

/**
 * GFPGANer's {@code bg_upsampler}: upscales the whole frame that restored faces are pasted into, instead of the
 * Lanczos-4 resize. Implementations state whether concurrent calls are safe (the ones in this module are).
 */
public interface BackgroundUpsampler {
    /** Output size factor of {@link #upsample}. */
    int scale();

    /** HWC BGR uint8 ({@code width x height}) -> HWC BGR uint8 of {@code scale()} times the size. */
    byte[] upsample(byte[] bgr, int width, int height);
}
