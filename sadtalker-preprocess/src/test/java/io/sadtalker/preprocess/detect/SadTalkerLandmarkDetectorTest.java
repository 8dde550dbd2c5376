package io.sadtalker.preprocess.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.sadtalker.core.FaceBox;
import io.sadtalker.core.Landmarks;
import io.sadtalker.core.MediaLimits;
import io.sadtalker.core.NoFaceDetectedException;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.FaceDetector;
import io.sadtalker.testkit.FixtureCase;
import io.sadtalker.testkit.FixtureCases;
import io.sadtalker.testkit.SyntheticCheckpoints;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SadTalkerLandmarkDetectorTest {
    private static final int OX = 30;
    private static final int OY = 40;

    /**
     * The awing case's face crop is pasted at (30, 40) into a larger picture; the detector reports it (box corners
     * truncated as Python's int() does) ahead of a weaker face, so the landmarks are the case's expected 68 points
     * shifted by (30, 40).
     */
    @Test
    void cropsTheFirstFaceRunsAwingAndShiftsBack() {
        FixtureCase c = FixtureCases.discover("awing").get(0);
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            RgbImage face = DetectFixtures.image(c, "image_rgb", m);
            RgbImage picture = paste(face, face.width() + 70, face.height() + 60);
            FaceBox first = new FaceBox(OX + 0.7f, OY + 0.2f, OX + face.width() + 0.9f, OY + face.height() + 0.5f,
                    0.99f, new float[10]);
            FaceBox second = new FaceBox(0, 0, 20, 20, 0.98f, new float[10]);
            FaceDetector stub = image -> List.of(first, second);
            AwingFan fan = AwingFan.loadWflw4hg(c.weights(m));
            SadTalkerLandmarkDetector detector = new SadTalkerLandmarkDetector(stub, fan, m.newSubManager(),
                    MediaLimits.DEFAULT_MAX_DETECTION_SIDE);

            Landmarks lm = detector.detect(picture);

            float[] expected = c.expected("landmarks68", m).toFloatArray();
            assertThat(lm.count()).isEqualTo(68);
            for (int i = 0; i < 68; i++) {
                assertThat(lm.x(i)).isCloseTo(expected[2 * i] + OX, within(0.02f));
                assertThat(lm.y(i)).isCloseTo(expected[2 * i + 1] + OY, within(0.02f));
            }
        }
    }

    /** Official loading path on synthetic checkpoints: with synthetic weights no score reaches 0.97. */
    @Test
    void noFaceAboveTheThresholdNamesTheImage() {
        Path detection = SyntheticCheckpoints.path("detection_Resnet50_Final.pth.json", "dev-1");
        Path alignment = SyntheticCheckpoints.path("alignment_WFLW_4HG.pth.json", "dev-1");
        byte[] grey = new byte[96 * 96 * 3];
        Arrays.fill(grey, (byte) 128);
        try (SadTalkerLandmarkDetector detector = SadTalkerLandmarkDetector.open(detection, alignment)) {
            assertThatThrownBy(() -> detector.detect(RgbImage.of(96, 96, grey), "portrait.png"))
                    .isInstanceOf(NoFaceDetectedException.class).hasMessageContaining("portrait.png");
        }
    }

    private static RgbImage paste(RgbImage face, int width, int height) {
        byte[] out = new byte[width * height * 3];
        Arrays.fill(out, (byte) 90);
        byte[] src = face.rgb();
        for (int y = 0; y < face.height(); y++) {
            System.arraycopy(src, y * face.width() * 3, out, ((y + OY) * width + OX) * 3, face.width() * 3);
        }
        return RgbImage.wrap(width, height, out);
    }
}
