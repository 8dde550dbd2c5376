package io.sadtalker.preprocess.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.sadtalker.core.FaceBox;
import io.sadtalker.core.image.ImageFiles;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.testkit.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * BlazeFace (ONNX Runtime) on the real portraits of {@code fixtures/media}: exactly one face, whose box holds the
 * eyes and the mouth annotated by hand (pixel positions read off the images).
 */
class BlazeFaceDetectorTest {
    private static BlazeFaceDetector detector;

    @BeforeAll
    static void open() {
        detector = BlazeFaceDetector.open(BlazeFaceModel.front());
    }

    @AfterAll
    static void close() {
        if (detector != null) {
            detector.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // file,            left eye,  right eye, mouth (image pixels, annotated by hand)
        "people_0.png,      192, 145,  265, 142,  233, 228",
        "full_body_1.png,   357, 242,  447, 220,  420, 320",
        "full4.jpeg,        157, 288,  287, 295,  218, 410",
    })
    void findsTheOneFace(String file, int lx, int ly, int rx, int ry, int mx, int my) {
        RgbImage image = ImageFiles.read(Fixtures.media().resolve(file));
        List<FaceBox> faces = detector.detect(image);
        assertThat(faces).hasSize(1);
        FaceBox f = faces.get(0);
        assertThat(f.score()).isGreaterThan(0.75f);
        for (int[] p : new int[][] {{lx, ly}, {rx, ry}, {mx, my}}) {
            assertThat(p[0]).as("x of %s,%s in %s", p[0], p[1], f).isBetween((int) f.x1(), (int) Math.ceil(f.x2()));
            assertThat(p[1]).as("y of %s,%s in %s", p[0], p[1], f).isBetween((int) f.y1(), (int) Math.ceil(f.y2()));
        }
        float[] lm = f.landmarks5();
        // the detector's eye keypoints lie near the annotated eyes (within a quarter of the box width)
        double tol = f.width() / 4;
        assertThat(Math.hypot(lm[0] - lx, lm[1] - ly)).isLessThan(tol);
        assertThat(Math.hypot(lm[2] - rx, lm[3] - ry)).isLessThan(tol);
    }
}
