package io.sadtalker.benchmarks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.sadtalker.core.FaceBox;
import io.sadtalker.core.FaceCoefficients;
import io.sadtalker.core.GradMode;
import io.sadtalker.core.Landmarks;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.preprocess.detect.RetinaFaceDetector;
import io.sadtalker.preprocess.detect.SadTalkerLandmarkDetector;
import io.sadtalker.preprocess.face3d.SadTalkerFace3DMMExtractor;
import io.sadtalker.testkit.FixtureCase;
import io.sadtalker.testkit.FixtureCases;
import io.sadtalker.testkit.SyntheticCheckpoints;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Preprocessing of one 256x256 portrait (the {@code align_img} case frame, a resized photo, with its 68 landmarks),
 * with synthetic full-size weights (the same compute as the official files): RetinaFace detection
 * ({@code detection_Resnet50_Final.pth}, network + post-processing), AWing 68 landmarks of the face box
 * ({@code alignment_WFLW_4HG.pth}: crop, resize to 256, 4-stack FAN, 98 to 68) and the 3DMM extraction
 * ({@code align_img} + ResNet-50 {@code face_3drecon}). Compare with the fixtures' {@code reference_seconds}.
 *
 * <p>libtorch's OpenMP threads spin while waiting; on a loaded 2-core machine run with
 * {@code OMP_WAIT_POLICY=PASSIVE} in the environment (the forked JVM inherits it), or spinning dominates.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
public class PreprocessBenchmark {
    private static final String SEED = "bench";

    private RetinaFaceDetector detector;
    private SadTalkerLandmarkDetector landmarkDetector;
    private SadTalkerFace3DMMExtractor extractor;
    private RgbImage portrait;
    private Landmarks landmarks;
    private FaceBox face;

    @Setup(Level.Trial)
    public void load() {
        GradMode.disableForThisThread();
        Path detection = SyntheticCheckpoints.path("detection_Resnet50_Final.pth.json", SEED);
        Path alignment = SyntheticCheckpoints.path("alignment_WFLW_4HG.pth.json", SEED);
        Path sadTalker = SyntheticCheckpoints.path("SadTalker_V0.0.2_256.safetensors.json", SEED);
        detector = RetinaFaceDetector.open(detection);
        landmarkDetector = SadTalkerLandmarkDetector.open(detection, alignment);
        extractor = SadTalkerFace3DMMExtractor.open(sadTalker);

        FixtureCase c = FixtureCases.discover("align_img").get(0);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray frame = c.input("frame", m);
            long[] s = frame.getShape().getShape();
            portrait = RgbImage.of((int) s[1], (int) s[0], frame.toByteArray());
            landmarks = new Landmarks(c.input("lm", m).toFloatArray());
        }
        float[] xy = landmarks.xy();
        float x1 = Float.MAX_VALUE;
        float y1 = Float.MAX_VALUE;
        float x2 = -Float.MAX_VALUE;
        float y2 = -Float.MAX_VALUE;
        for (int i = 0; i < xy.length; i += 2) {
            x1 = Math.min(x1, xy[i]);
            x2 = Math.max(x2, xy[i]);
            y1 = Math.min(y1, xy[i + 1]);
            y2 = Math.max(y2, xy[i + 1]);
        }
        // a detector-like box around the landmarks (synthetic RetinaFace weights find no real face)
        face = new FaceBox(x1, y1, x2, y2, 1f, new float[10]);
    }

    @TearDown(Level.Trial)
    public void close() {
        extractor.close();
        landmarkDetector.close();
        detector.close();
    }

    /** RetinaFace network and post-processing on the portrait. */
    @Benchmark
    public int retinaFaceDetect() {
        return detector.detect(portrait).size();
    }

    /** AWing {@code get_landmarks} on the face box, 98 to 68, back to image pixels. */
    @Benchmark
    public float awingLandmarks() {
        return landmarkDetector.landmarks(portrait, face, "portrait").xy()[0];
    }

    /** {@code align_img} to 224 and the ResNet-50 3DMM regressor. */
    @Benchmark
    public float extract3dmm() {
        FaceCoefficients coefficients = extractor.extract(portrait, landmarks);
        return coefficients.coeff73()[0];
    }
}
