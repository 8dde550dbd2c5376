package io.sadtalker.preprocess.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The post-processing of facexlib {@code RetinaFace.detect_faces}: {@code decode} / {@code decode_landm}
 * (variances 0.1, 0.2), scaling by the image size, {@code score > conf_threshold}, descending sort and
 * {@code py_cpu_nms} (torchvision {@code nms}). Float32 arithmetic in the original's operation order.
 */
final class RetinaFacePostprocess {
    static final float VARIANCE0 = 0.1f;
    static final float VARIANCE1 = 0.2f;

    private RetinaFacePostprocess() {
    }

    /**
     * Detections from the raw heads: {@code loc} (P*4), {@code conf} (P*2, softmaxed, column 1 = face),
     * {@code landms} (P*10), {@code priors} (P*4). Returns rows {@code [x1,y1,x2,y2,score, 5 x (x,y)]}.
     */
    public static float[][] detections(float[] loc, float[] conf, float[] landms, float[] priors, int width,
                                       int height, double confThreshold, double nmsThreshold) {
        int p = priors.length / 4;
        if (loc.length != p * 4 || conf.length != p * 2 || landms.length != p * 10) {
            throw new IllegalArgumentException("head sizes " + loc.length + "/" + conf.length + "/" + landms.length
                    + " do not fit " + p + " priors");
        }
        // numpy compares the float32 scores with the threshold in float32
        float threshold = (float) confThreshold;
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < p; i++) {
            float score = conf[2 * i + 1];
            if (score > threshold) {
                rows.add(decodeRow(loc, landms, priors, i, score, width, height));
            }
        }
        // scores.argsort()[::-1]; stable descending order
        float[][] sorted = rows.stream().sorted(Comparator.comparingDouble((float[] r) -> r[4]).reversed())
                .toArray(float[][]::new);
        int[] keep = nms(sorted, nmsThreshold);
        return Arrays.stream(keep).mapToObj(k -> sorted[k]).toArray(float[][]::new);
    }

    /** One decoded row {@code [x1,y1,x2,y2,score, 10 landmark values]} for prior {@code i}. */
    static float[] decodeRow(float[] loc, float[] landms, float[] priors, int i, float score, int width, int height) {
        float pcx = priors[4 * i];
        float pcy = priors[4 * i + 1];
        float pw = priors[4 * i + 2];
        float ph = priors[4 * i + 3];
        float cx = pcx + loc[4 * i] * VARIANCE0 * pw;
        float cy = pcy + loc[4 * i + 1] * VARIANCE0 * ph;
        float w = pw * (float) Math.exp(loc[4 * i + 2] * VARIANCE1);
        float h = ph * (float) Math.exp(loc[4 * i + 3] * VARIANCE1);
        float x1 = cx - w / 2;
        float y1 = cy - h / 2;
        float x2 = w + x1;
        float y2 = h + y1;
        float[] row = new float[15];
        row[0] = x1 * width;
        row[1] = y1 * height;
        row[2] = x2 * width;
        row[3] = y2 * height;
        row[4] = score;
        for (int k = 0; k < 5; k++) {
            row[5 + 2 * k] = (pcx + landms[10 * i + 2 * k] * VARIANCE0 * pw) * width;
            row[6 + 2 * k] = (pcy + landms[10 * i + 2 * k + 1] * VARIANCE0 * ph) * height;
        }
        return row;
    }

    /**
     * torchvision {@code nms} on rows sorted by descending score: indices kept, in order. IoU in float32 without
     * the +1 pixel convention; a box is suppressed when its IoU with a kept box is above {@code threshold}.
     */
    static int[] nms(float[][] rows, double threshold) {
        int n = rows.length;
        float[] areas = new float[n];
        for (int i = 0; i < n; i++) {
            areas[i] = (rows[i][2] - rows[i][0]) * (rows[i][3] - rows[i][1]);
        }
        boolean[] suppressed = new boolean[n];
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (suppressed[i]) {
                continue;
            }
            keep.add(i);
            float[] a = rows[i];
            for (int j = i + 1; j < n; j++) {
                if (suppressed[j]) {
                    continue;
                }
                float[] b = rows[j];
                float w = Math.max(0f, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
                float h = Math.max(0f, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
                float inter = w * h;
                float iou = inter / (areas[i] + areas[j] - inter);
                if (iou > threshold) {
                    suppressed[j] = true;
                }
            }
        }
        return keep.stream().mapToInt(Integer::intValue).toArray();
    }
}
