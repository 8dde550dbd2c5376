package io.sadtalker.preprocess.detect;

/**
 * facexlib {@code retinaface_utils.PriorBox} for the ResNet-50 config: min sizes [[16,32],[64,128],[256,512]],
 * steps [8,16,32], clip False. Priors are (cx, cy, w, h) normalised by the image size, computed in double and
 * stored as float32 as {@code torch.Tensor(list)} does.
 */
final class PriorBox {
    private static final int[][] MIN_SIZES = {{16, 32}, {64, 128}, {256, 512}};
    private static final int[] STEPS = {8, 16, 32};

    private PriorBox() {
    }

    /** Number of priors for an image of {@code height} x {@code width}. */
    public static int count(int height, int width) {
        int n = 0;
        for (int k = 0; k < STEPS.length; k++) {
            n += ceilDiv(height, STEPS[k]) * ceilDiv(width, STEPS[k]) * MIN_SIZES[k].length;
        }
        return n;
    }

    /** The (P*4) priors, row-major (P,4), in feature-map order (level, row, column, min size). */
    public static float[] forward(int height, int width) {
        float[] out = new float[count(height, width) * 4];
        int p = 0;
        for (int k = 0; k < STEPS.length; k++) {
            int fh = ceilDiv(height, STEPS[k]);
            int fw = ceilDiv(width, STEPS[k]);
            for (int i = 0; i < fh; i++) {
                for (int j = 0; j < fw; j++) {
                    for (int minSize : MIN_SIZES[k]) {
                        double skx = (double) minSize / width;
                        double sky = (double) minSize / height;
                        double cx = (j + 0.5) * STEPS[k] / width;
                        double cy = (i + 0.5) * STEPS[k] / height;
                        out[p++] = (float) cx;
                        out[p++] = (float) cy;
                        out[p++] = (float) skx;
                        out[p++] = (float) sky;
                    }
                }
            }
        }
        return out;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
