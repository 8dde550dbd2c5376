package io.sadtalker.core.stage;

/**
 * Motion coefficients and a source face to video frames (MappingNet + facevid2vid), as
 * {@code AnimateFromCoeff.generate} up to (not including) paste-back and encoding. Frames come out at the crop's
 * aspect ratio as the original resizes them.
 */
public interface FaceRenderer {
    FrameStream render(RenderRequest request);

    /**
     * The frames of {@code range} out of {@link #render(RenderRequest)}: exactly those frames, so a video rendered
     * in parts and joined in order equals the one rendered whole. This default renders from the first frame and
     * drops those before the range; renderers whose frames are independent override it to skip them.
     */
    default FrameStream render(RenderRequest request, FrameRange range) {
        return range.of(render(request));
    }
}
