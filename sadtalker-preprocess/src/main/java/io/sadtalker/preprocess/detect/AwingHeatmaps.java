package io.sadtalker.preprocess.detect;

/**
 * {@code calculate_points} of SadTalker's {@code my_awing_arch.py}, quirks kept on purpose: the x neighbours are
 * flat index +-1 (they wrap across rows, and index -1 is the last element as in numpy); if ANY landmark's
 * {@code idx + W >= 4096} every landmark uses element 4095 as y_up, and if ANY {@code idx - W <= 0} every landmark
 * uses element 0 as y_down; shift 0.25 * sign(diff), then +0.5.
 */
final class AwingHeatmaps {
    private AwingHeatmaps() {
    }

    /**
     * @param heat   (n, h*w) heatmaps, row-major
     * @param argmax first maximum of each row
     * @return (n, 2) heatmap coordinates (x, y) in float64, before scaling to the image
     */
    public static double[] calculatePoints(float[] heat, long[] argmax, int n, int h, int w) {
        int hw = h * w;
        boolean anyUpOut = false;
        boolean anyDownOut = false;
        for (long idx : argmax) {
            anyUpOut |= idx + w >= hw;
            anyDownOut |= idx - w <= 0;
        }
        double[] preds = new double[2 * n];
        for (int i = 0; i < n; i++) {
            int idx = (int) argmax[i];
            int row = i * hw;
            // the original raises IndexError for idx + 1 == h*w; the missing neighbour counts as equal here
            float xUp = heat[row + Math.min(idx + 1, hw - 1)];
            float xDown = heat[row + Math.floorMod(idx - 1, hw)];
            float yUp = anyUpOut ? heat[row + hw - 1] : heat[row + idx + w];
            float yDown = anyDownOut ? heat[row] : heat[row + idx - w];
            float dx = Math.signum(xUp - xDown) * 0.25f;
            float dy = Math.signum(yUp - yDown) * 0.25f;
            preds[2 * i] = (double) (idx % w) + dx + 0.5;
            preds[2 * i + 1] = (double) (idx / w) + dy + 0.5;
        }
        return preds;
    }
}
