package io.sadtalker.preprocess.crop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sadtalker.core.CropInfo;
import io.sadtalker.core.Landmarks;
import io.sadtalker.core.NoFaceDetectedException;
import io.sadtalker.core.Preprocess;
import io.sadtalker.core.SadTalkerException;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.CroppedFace;
import io.sadtalker.testkit.FixtureCase;
import io.sadtalker.testkit.FixtureCases;
import org.junit.jupiter.api.Test;

class SadTalkerFaceCropperTest {
    private final SadTalkerFaceCropper cropper = new SadTalkerFaceCropper();

    @Test
    void resizeModeKeepsTheWholePicture() {
        byte[] rgb = new byte[6 * 4 * 3];
        java.util.Arrays.fill(rgb, (byte) 99);
        CroppedFace f = cropper.crop(RgbImage.of(6, 4, rgb), null, Preprocess.RESIZE, 8);
        assertThat(f.cropInfo()).isEqualTo(new CropInfo(6, 4, 0, 0, 6, 4, 0, 0, 6, 4));
        assertThat(f.face().width()).isEqualTo(8);
        assertThat(f.face().height()).isEqualTo(8);
        assertThat(f.face().get(7, 7, 2)).isEqualTo(99);
    }

    @Test
    void cropAndFullCropAlikeAndExtModesKeepTheBox() {
        FixtureCase c = FixtureCases.discover("croper").get(0);
        RgbImage image = c.inputNames().contains("image") ? FixtureImages.image(c.inputHost("image"))
                : FixtureImages.repeat(FixtureImages.image(c.inputHost("image_small")),
                        c.params().get("upscale_repeat").asInt());
        Landmarks lm = FixtureImages.landmarks(c.inputHost("lm"));
        CroppedFace crop = cropper.crop(image, lm, Preprocess.CROP, 64);
        CroppedFace full = cropper.crop(image, lm, Preprocess.FULL, 64);
        CroppedFace ext = cropper.crop(image, lm, Preprocess.EXTCROP, 64);
        CroppedFace extFull = cropper.crop(image, lm, Preprocess.EXTFULL, 64);
        assertThat(full).isEqualTo(crop);
        assertThat(extFull).isEqualTo(ext);
        assertThat(ext.cropInfo()).isEqualTo(crop.cropInfo()); // crop_info does not depend on still
        assertThat(ext.face()).isNotEqualTo(crop.face());
        assertThat(crop.face().width()).isEqualTo(64);
    }

    @Test
    void rejectsWrongLandmarkCountAndSize() {
        RgbImage img = RgbImage.of(8, 8, new byte[8 * 8 * 3]);
        assertThatThrownBy(() -> cropper.crop(img, new Landmarks(new float[10]), Preprocess.CROP, 256))
                .isInstanceOf(SadTalkerException.class).hasMessageContaining("68 landmarks");
        assertThatThrownBy(() -> cropper.crop(img, new Landmarks(new float[136]), Preprocess.CROP, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sliceFollowsPythonBoundsAndRejectsEmptyCrops() {
        byte[] rgb = new byte[4 * 3 * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) i;
        }
        RgbImage img = RgbImage.of(4, 3, rgb);
        RgbImage s = Croper.slice(img, 2, 1, 10, 10);
        assertThat(s.width()).isEqualTo(2);
        assertThat(s.height()).isEqualTo(2);
        assertThat(s.get(0, 0, 0)).isEqualTo((1 * 4 + 2) * 3);
        assertThatThrownBy(() -> Croper.slice(img, 3, 0, 3, 3)).isInstanceOf(NoFaceDetectedException.class)
                .hasMessageContaining("no usable face").hasMessageContaining("empty crop [0:3, 3:3]");
    }

    @Test
    void aDegenerateDetectionIsNoUsableFace() {
        // a "face" of 68 landmarks on one point (a tiny detection's AWing output at the extreme) near the corner
        float[] xy = new float[136];
        for (int i = 0; i < 68; i++) {
            xy[2 * i] = 30.2f + (i % 3) * 0.01f;
            xy[2 * i + 1] = 29.7f + (i % 5) * 0.01f;
        }
        RgbImage img = RgbImage.of(35, 34, new byte[35 * 34 * 3]);
        assertThatThrownBy(() -> cropper.crop(img, new Landmarks(xy), Preprocess.CROP, 256))
                .isInstanceOf(NoFaceDetectedException.class).hasMessageContaining("no usable face");
    }
}
