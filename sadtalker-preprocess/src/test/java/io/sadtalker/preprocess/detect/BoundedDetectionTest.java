package io.sadtalker.preprocess.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.sadtalker.core.FaceBox;
import io.sadtalker.core.MediaLimits;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.FaceDetector;
import io.sadtalker.testkit.Fixtures;
import io.sadtalker.testkit.SyntheticCheckpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Detection on a bounded copy of large pictures, boxes mapped back; pictures within the bound untouched. */
class BoundedDetectionTest {
    @TempDir
    Path dir;

    /** Records the pictures it is given and reports one face in their coordinates. */
    private static final class RecordingDetector implements FaceDetector {
        final List<RgbImage> seen = new ArrayList<>();

        @Override
        public List<FaceBox> detect(RgbImage image) {
            seen.add(image);
            return List.of(new FaceBox(100, 200, 300, 400, 0.99f,
                    new float[] {110, 210, 120, 220, 130, 230, 140, 240, 150, 250}));
        }
    }

    @Test
    void aPictureWithinTheBoundIsDetectedAsItIs() {
        RgbImage picture = RgbImage.wrap(1280, 720, new byte[1280 * 720 * 3]);
        RecordingDetector detector = new RecordingDetector();
        List<FaceBox> faces = BoundedDetection.detect(detector, picture, 1280);
        assertThat(detector.seen).containsExactly(picture);
        assertThat(faces.get(0).x1()).isEqualTo(100f);
        assertThat(faces.get(0).landmarks5()).containsExactly(110, 210, 120, 220, 130, 230, 140, 240, 150, 250);
    }

    @Test
    void aPhonePhotoIsDetectedAtTheBoundAndMappedBack() {
        RgbImage photo = RgbImage.wrap(4000, 3000, new byte[4000 * 3000 * 3]);
        RecordingDetector detector = new RecordingDetector();
        FaceBox face = BoundedDetection.detect(detector, photo, 1280).get(0);
        assertThat(detector.seen.get(0).width()).isEqualTo(1280);
        assertThat(detector.seen.get(0).height()).isEqualTo(960);
        assertThat(new float[] {face.x1(), face.y1(), face.x2(), face.y2()}).containsExactly(312.5f, 625f, 937.5f, 1250f);
        assertThat(face.landmarks5()).containsExactly(343.75f, 656.25f, 375f, 687.5f, 406.25f, 718.75f, 437.5f,
                750f, 468.75f, 781.25f);
        assertThat(face.score()).isEqualTo(0.99f);
    }

    /**
     * Landmarks of a 4000x3000 picture (a fixture portrait scaled up) with the full-size synthetic RetinaFace and
     * AWing, in a child JVM so that its peak resident memory is its own: within 3 GiB (2.0 GB measured; at full
     * resolution RetinaFace needed over 24 GB).
     */
    @Test
    void aTwelveMegapixelPortraitStaysWithinAFewGigabytes() throws Exception {
        Path detection = SyntheticCheckpoints.path("detection_Resnet50_Final.pth.json", "dev-1");
        Path alignment = SyntheticCheckpoints.path("alignment_WFLW_4HG.pth.json", "dev-1");
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true",
                LargePortraitDetection.class.getName(), Fixtures.media().resolve("people_0.png").toString(),
                detection.toString(), alignment.toString(), "" + MediaLimits.DEFAULT_MAX_DETECTION_SIDE)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String out = Files.readString(log);
        assertThat(child.exitValue()).as(out).isZero();
        long peakKib = Long.parseLong(out.replaceAll("(?s).*VmHWM_KiB=(\\d+).*", "$1"));
        System.out.println("4000x3000 portrait, landmarks with detection bounded at "
                + MediaLimits.DEFAULT_MAX_DETECTION_SIDE + ": peak RSS " + (peakKib >> 10) + " MiB");
        assertThat(peakKib).isLessThan(3L << 20);
    }
}
