package io.sadtalker.core.stage;

import io.sadtalker.core.CropInfo;
import io.sadtalker.core.image.RgbImage;

/** The square face picture the later stages animate ({@code size x size}) and where it came from. */
public record CroppedFace(RgbImage face, CropInfo cropInfo) {
}
