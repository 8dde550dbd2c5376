package io.sadtalker.core.stage;

import io.sadtalker.core.FaceBox;
import io.sadtalker.core.image.RgbImage;
import java.util.List;

/** Finds faces in a picture. Implementations document whether concurrent calls are safe. */
public interface FaceDetector {
    /** Every face found, highest score first (the first is the one SadTalker uses); empty when none. */
    List<FaceBox> detect(RgbImage image);
}
