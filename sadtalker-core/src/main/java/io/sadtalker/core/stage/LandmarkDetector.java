package io.sadtalker.core.stage;

import io.sadtalker.core.Landmarks;
import io.sadtalker.core.image.RgbImage;

/**
 * 68 facial landmarks (iBUG order) of the face SadTalker would pick, detection included, as
 * {@code KeypointExtractor.extract_keypoint}. Throws {@link io.sadtalker.core.NoFaceDetectedException} when
 * there is none.
 */
public interface LandmarkDetector {
    Landmarks detect(RgbImage image);

    /** As {@link #detect(RgbImage)}; {@code source} (a file name or frame) is named in errors. */
    default Landmarks detect(RgbImage image, String source) {
        return detect(image);
    }
}
