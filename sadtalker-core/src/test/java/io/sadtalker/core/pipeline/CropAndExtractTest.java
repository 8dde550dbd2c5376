package io.sadtalker.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sadtalker.core.CancellationToken;
import io.sadtalker.core.CropInfo;
import io.sadtalker.core.FaceCoefficients;
import io.sadtalker.core.Landmarks;
import io.sadtalker.core.NoFaceDetectedException;
import io.sadtalker.core.Preprocess;
import io.sadtalker.core.ProgressListener;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.CroppedFace;
import io.sadtalker.core.stage.FrameStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code CropAndExtract.generate} without a face: resize mode fits the standard landmarks and says so, the crop
 * modes refuse naming the file, reference videos reuse the previous frame's landmarks and crop at 256.
 */
class CropAndExtractTest {
    private static final CancellationToken NOT_CANCELLED = new CancellationToken();

    private static final Landmarks FACE = Landmarks.of(new float[][] {{5, 6}, {7, 8}});

    /** Stand-in stages: the detector finds a face only in pictures whose first pixel is 200. */
    private final List<String> detected = new ArrayList<>();
    private final List<String> cropped = new ArrayList<>();
    private final List<Landmarks> extracted = new ArrayList<>();
    private final List<String> notices = new ArrayList<>();
    private final ProgressListener listener = new ProgressListener() {
        @Override
        public void progress(String stage, long done, long total) {
        }

        @Override
        public void notice(String message) {
            notices.add(message);
        }
    };

    private Stages stages(List<RgbImage> videoFrames) {
        Stages s = new Stages();
        s.landmarks = new io.sadtalker.core.stage.LandmarkDetector() {
            @Override
            public Landmarks detect(RgbImage image) {
                return detect(image, "?");
            }

            @Override
            public Landmarks detect(RgbImage image, String source) {
                detected.add(image.width() + "x" + image.height());
                if ((image.rgb()[0] & 0xFF) != 200) {
                    throw new NoFaceDetectedException("no face detected in " + source);
                }
                return FACE;
            }
        };
        s.cropper = (image, lm, mode, size) -> {
            cropped.add(mode + " " + size + " " + (lm == null ? "-" : lm == FACE ? "face" : "other"));
            return new CroppedFace(picture(size, image.rgb()[0]), new CropInfo(size, size, 0, 0, size, size, 0, 0,
                    size, size));
        };
        s.extractor = (face, lm) -> {
            extracted.add(lm);
            return new FaceCoefficients(1, new float[FaceCoefficients.WIDTH], null);
        };
        s.videoDecoder = video -> stream(videoFrames);
        return s;
    }

    @Test
    void resizeModeWithoutAFaceFitsTheStandardLandmarksAndSaysSo() {
        PreparedPortrait p = new CropAndExtract(stages(List.of()), NOT_CANCELLED)
                .portrait(picture(40, (byte) 0), "gray.png", null,
                null, Preprocess.RESIZE, 256, listener);
        assertThat(detected).containsExactly("256x256"); // the full picture is never searched in resize mode
        assertThat(cropped).containsExactly("RESIZE 256 -");
        assertThat(p.landmarks()).isNull();
        assertThat(p.cropLandmarks().isNoFace()).isTrue();
        assertThat(extracted).hasSize(1);
        assertThat(extracted.get(0).isNoFace()).isTrue();
        assertThat(notices).singleElement().asString().contains("no face detected", "gray.png", "standard landmarks");
    }

    @Test
    void cropModesRefuseAPictureWithoutAFaceNamingTheFile() {
        for (Preprocess mode : List.of(Preprocess.CROP, Preprocess.EXTCROP, Preprocess.FULL, Preprocess.EXTFULL)) {
            assertThatThrownBy(() -> new CropAndExtract(stages(List.of()), NOT_CANCELLED)
                    .portrait(picture(40, (byte) 0), "gray.png",
                    null, null, mode, 256, listener)).isInstanceOf(NoFaceDetectedException.class)
                    .hasMessageContaining("gray.png").hasMessageContaining("--preprocess resize");
        }
        assertThat(extracted).isEmpty();
    }

    @Test
    void aDegenerateCropIsRefusedAsNoUsableFace() {
        Stages s = stages(List.of());
        s.cropper = (image, lm, mode, size) -> {
            throw new NoFaceDetectedException("no usable face: the detected face gives the empty crop [27:7, 28:7]");
        };
        assertThatThrownBy(() -> new CropAndExtract(s, NOT_CANCELLED)
                .portrait(picture(40, (byte) 200), "noise.png", null, null,
                Preprocess.CROP, 256, listener)).isInstanceOf(NoFaceDetectedException.class)
                .hasMessageContaining("noise.png").hasMessageContaining("empty crop")
                .hasMessageContaining("--preprocess resize");
    }

    @Test
    void referenceVideoCropsAt256WithTheFirstFrameAndReusesThePreviousLandmarks() {
        // frames: face, none, face, none
        List<RgbImage> frames = List.of(picture(30, (byte) 200), picture(30, (byte) 0), picture(30, (byte) 200),
                picture(30, (byte) 0));
        FaceCoefficients c = new CropAndExtract(stages(frames), NOT_CANCELLED)
                .video(Path.of("ref.mp4"), Preprocess.EXTCROP,
                listener);
        assertThat(c.frames()).isEqualTo(4);
        assertThat(cropped).containsOnly("EXTCROP 256 face").hasSize(4);
        assertThat(detected).containsExactly("30x30", "256x256", "256x256", "256x256", "256x256");
        assertThat(extracted).containsExactly(FACE, FACE, FACE, FACE);
        assertThat(notices).singleElement().asString().contains("2 of 4 frames", "ref.mp4");
    }

    @Test
    void referenceVideoInResizeModeStartsWithTheStandardLandmarks() {
        List<RgbImage> frames = List.of(picture(30, (byte) 0), picture(30, (byte) 200), picture(30, (byte) 0));
        new CropAndExtract(stages(frames), NOT_CANCELLED).video(Path.of("ref.mp4"), Preprocess.RESIZE, listener);
        assertThat(cropped).containsOnly("RESIZE 256 -").hasSize(3);
        assertThat(extracted.get(0).isNoFace()).isTrue();
        assertThat(extracted.subList(1, 3)).containsExactly(FACE, FACE);
    }

    @Test
    void referenceVideoWithoutAFaceInItsFirstFrameIsRefusedInCropModes() {
        List<RgbImage> frames = List.of(picture(30, (byte) 0), picture(30, (byte) 200));
        assertThatThrownBy(() -> new CropAndExtract(stages(frames), NOT_CANCELLED)
                .video(Path.of("ref.mp4"), Preprocess.CROP,
                listener)).isInstanceOf(NoFaceDetectedException.class).hasMessageContaining("frame 0 of ref.mp4")
                .hasMessageContaining("--preprocess resize");
    }

    private static RgbImage picture(int size, byte value) {
        byte[] rgb = new byte[size * size * 3];
        java.util.Arrays.fill(rgb, value);
        return RgbImage.wrap(size, size, rgb);
    }

    private static FrameStream stream(List<RgbImage> frames) {
        Iterator<RgbImage> it = frames.iterator();
        return new FrameStream() {
            @Override
            public int frameCount() {
                return frames.size();
            }

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public RgbImage next() {
                return it.next();
            }

            @Override
            public void close() {
            }
        };
    }
}
