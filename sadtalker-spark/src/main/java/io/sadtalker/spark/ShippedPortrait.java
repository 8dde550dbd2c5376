package io.sadtalker.spark;

import io.sadtalker.core.CropInfo;
import io.sadtalker.core.FaceCoefficients;
import io.sadtalker.core.Landmarks;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.pipeline.PreparedPortrait;
import io.sadtalker.core.stage.CroppedFace;
import java.io.Serializable;

/**
 * A {@link PreparedPortrait} as serializable values, so that a split video's portrait is prepared by one task and
 * shipped (broadcast) to the tasks that render its ranges. {@code landmarks} is null where the prepared portrait's
 * are (resize mode); {@code cropBox} holds {@link CropInfo}'s six integers, {@code cropQuad} its four doubles.
 */
record ShippedPortrait(Picture original, float[] landmarks, Picture face, int[] cropBox, double[] cropQuad,
                       float[] cropLandmarks, int frames, float[] coeff73, float[] full257) implements Serializable {

    /** An RGB picture's size and HWC bytes. */
    record Picture(int width, int height, byte[] rgb) implements Serializable {
        static Picture of(RgbImage image) {
            return new Picture(image.width(), image.height(), image.rgb());
        }

        /** The picture, sharing these bytes (neither side modifies them). */
        RgbImage image() {
            return RgbImage.wrap(width, height, rgb);
        }
    }

    static ShippedPortrait of(PreparedPortrait portrait) {
        CropInfo crop = portrait.cropped().cropInfo();
        FaceCoefficients coefficients = portrait.coefficients();
        return new ShippedPortrait(Picture.of(portrait.original()),
                portrait.landmarks() == null ? null : portrait.landmarks().xy(), Picture.of(portrait.cropped().face()),
                new int[] {crop.cropWidth(), crop.cropHeight(), crop.clx(), crop.cly(), crop.crx(), crop.cry()},
                new double[] {crop.lx(), crop.ly(), crop.rx(), crop.ry()}, portrait.cropLandmarks().xy(),
                coefficients.frames(), coefficients.coeff73(), coefficients.full257());
    }

    /** The prepared portrait these values describe. */
    PreparedPortrait portrait() {
        CropInfo crop = new CropInfo(cropBox[0], cropBox[1], cropBox[2], cropBox[3], cropBox[4], cropBox[5],
                cropQuad[0], cropQuad[1], cropQuad[2], cropQuad[3]);
        return new PreparedPortrait(original.image(), landmarks == null ? null : new Landmarks(landmarks),
                new CroppedFace(face.image(), crop), new Landmarks(cropLandmarks),
                new FaceCoefficients(frames, coeff73, full257));
    }
}
