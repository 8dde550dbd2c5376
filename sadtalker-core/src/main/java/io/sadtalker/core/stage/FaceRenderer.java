package io.sadtalker.core.stage;

/**
 * Motion coefficients and a source face to video frames (MappingNet + facevid2vid), as
 * {@code AnimateFromCoeff.generate} up to (not including) paste-back and encoding. Frames come out at the crop's
 * aspect ratio as the original resizes them.
 */
public interface FaceRenderer {
    FrameStream render(RenderRequest request);
}
