package io.sadtalker.preprocess.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AwingHeatmapsTest {
    private static final int W = 64;
    private static final int HW = W * W;

    @Test
    void shiftsAQuarterPixelTowardsTheHigherNeighbourPlusHalf() {
        float[] heat = new float[HW];
        int idx = 10 * W + 20;
        heat[idx] = 1f;
        heat[idx + 1] = 0.5f;  // right neighbour higher than left: +0.25 in x
        heat[idx - W] = 0.5f;  // upper row higher than lower: -0.25 in y
        double[] p = AwingHeatmaps.calculatePoints(heat, new long[] {idx}, 1, W, W);
        assertThat(p).containsExactly(20 + 0.25 + 0.5, 10 - 0.25 + 0.5);
    }

    @Test
    void xNeighboursWrapAcrossRowsAndMinusOneIsTheLastElement() {
        float[] heat = new float[2 * HW];
        // landmark 0 at flat index 0: x_down is element -1 = 4095 (numpy), which is higher
        heat[HW - 1] = 0.7f;
        // landmark 1 at the end of a row: x_up is the first element of the next row
        int idx = 5 * W + 63;
        heat[HW + idx + 1] = 0.3f;
        double[] p = AwingHeatmaps.calculatePoints(heat, new long[] {0, idx}, 2, W, W);
        assertThat(p[0]).isEqualTo(0 - 0.25 + 0.5);
        assertThat(p[2]).isEqualTo(63 + 0.25 + 0.5);
    }

    @Test
    void anyLandmarkNearTheTopSwitchesEveryLandmarkToElementZeroAsYDown() {
        float[] heat = new float[2 * HW];
        int inner = 30 * W + 30;
        heat[HW + inner - W] = 0.9f; // its own upper neighbour would give -0.25
        // landmark 0 at idx 10 (idx - W <= 0): y_down of every landmark is element 0 (0 here), y_up its own (0)
        double[] p = AwingHeatmaps.calculatePoints(heat, new long[] {10, inner}, 2, W, W);
        assertThat(p[3]).isEqualTo(30 + 0.5);
    }

    @Test
    void anyLandmarkNearTheBottomSwitchesEveryLandmarkToElement4095AsYUp() {
        float[] heat = new float[2 * HW];
        int inner = 30 * W + 30;
        heat[HW + inner - W] = 0.1f; // y_down
        heat[HW + HW - 1] = 0.2f;    // element 4095, y_up once any idx + W >= 4096 (own y_up would be 0: -0.25)
        double[] p = AwingHeatmaps.calculatePoints(heat, new long[] {HW - 10, inner}, 2, W, W);
        assertThat(p[3]).isEqualTo(30 + 0.25 + 0.5);
    }
}
