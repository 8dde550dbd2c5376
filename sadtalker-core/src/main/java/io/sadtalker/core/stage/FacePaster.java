package io.sadtalker.core.stage;

import io.sadtalker.core.CropInfo;
import io.sadtalker.core.image.RgbImage;

/** Pastes an animated face frame back into the full picture ({@code paste_pic}, seamless cloning). */
public interface FacePaster {
    /**
     * @param frame    one rendered frame, at the crop's size
     * @param full     the original full picture
     * @param cropInfo where the crop came from
     * @param extended whether the crop was an extended one ({@code extcrop}/{@code extfull})
     */
    RgbImage paste(RgbImage frame, RgbImage full, CropInfo cropInfo, boolean extended);
}
