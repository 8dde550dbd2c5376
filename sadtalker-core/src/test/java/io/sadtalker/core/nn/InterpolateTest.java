package io.sadtalker.core.nn;

import static io.sadtalker.core.nn.NnTesting.assertClose;
import static io.sadtalker.core.nn.NnTesting.input;
import static io.sadtalker.core.nn.NnTesting.ramp;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import org.junit.jupiter.api.Test;

class InterpolateTest extends ManagedArrays {
    private static final double ATOL = 1e-6;
    @Test
    void bilinearBothAlignments() {
        NDArray x = input(m, 1, 2, 3, 4);
        assertClose(Interpolate.bilinear(x, 5, 3, true), new long[] {1, 2, 5, 3}, BILINEAR_AC, ATOL);
        assertClose(Interpolate.bilinear(x, 5, 3, false), new long[] {1, 2, 5, 3}, BILINEAR_NOAC, ATOL);
        assertClose(Interpolate.bilinearScale(input(m, 1, 1, 3, 5), 1.5, 0.7, false), new long[] {1, 1, 4, 3},
                BILINEAR_SCALE, ATOL);
    }

    @Test
    void bilinearIntegerFactorsAlignCornersFalse() {
        // the libtorch fast paths (GFPGAN's scale_factor=2 and 0.5), including the clamped first row/column
        assertClose(Interpolate.bilinearScale(input(m, 1, 2, 4, 5), 2, 2, false), new long[] {1, 2, 8, 10},
                BILINEAR_UP2, ATOL);
        assertClose(Interpolate.bilinearScale(input(m, 1, 1, 3, 4), 3, 1, false), new long[] {1, 1, 9, 4},
                BILINEAR_UP3X1, ATOL);
        assertClose(Interpolate.bilinearScale(input(m, 1, 2, 4, 6), 0.5, 0.5, false), new long[] {1, 2, 2, 3},
                BILINEAR_DOWN2, ATOL);
        // down by 3 (one tap per output row) and by 4 (the mean of two taps per output column)
        assertClose(Interpolate.bilinear(input(m, 1, 1, 9, 8), 3, 2, false), new long[] {1, 1, 3, 2},
                BILINEAR_DOWN3X4, ATOL);
    }

    @Test
    void bilinearAlignCornersKeepsTheCorners() {
        // align_corners=True maps corner pixels onto corner pixels: a 2x2 ramp upsampled to 3x3 is its mean inside
        NDArray x = m.create(new float[] {0, 1, 2, 3}).reshape(1, 1, 2, 2);
        assertClose(Interpolate.bilinear(x, 3, 3, true), new long[] {1, 1, 3, 3},
                new float[] {0, 0.5f, 1, 1, 1.5f, 2, 2, 2.5f, 3}, 0);
    }

    @Test
    void trilinearBothAlignments() {
        NDArray x = input(m, 1, 1, 2, 3, 2);
        assertClose(Interpolate.trilinear(x, 3, 2, 4, true), new long[] {1, 1, 3, 2, 4}, TRILINEAR_AC, ATOL);
        assertClose(Interpolate.trilinear(x, 3, 2, 4, false), new long[] {1, 1, 3, 2, 4}, TRILINEAR_NOAC, ATOL);
    }

    @Test
    void nearestBySizeAndByScaleFactor() {
        assertClose(Interpolate.nearest(input(m, 1, 1, 3, 4), 5, 3), new long[] {1, 1, 5, 3}, NEAREST_SIZE, 0);
        assertClose(Interpolate.nearestScale(input(m, 1, 1, 8, 8), 0.25, 0.25), new long[] {1, 1, 2, 2},
                NEAREST_QUARTER, 0);
        assertClose(Interpolate.nearestScale(input(m, 1, 1, 2, 2, 3), 1, 2, 2), new long[] {1, 1, 2, 4, 6},
                NEAREST_3D, 0);
        assertClose(Interpolate.nearestScale(input(m, 1, 1, 5, 5), 0.7, 1.5), new long[] {1, 1, 3, 7}, NEAREST_ODD, 0);
        // 2-D integer factors: libtorch's kernel
        assertClose(Interpolate.nearestScale(input(m, 1, 1, 2, 3), 2, 3), new long[] {1, 1, 4, 9}, NEAREST_2X3, 0);
    }

    @Test
    void rejectsBadSizes() {
        NDArray x = input(m, 1, 1, 3, 4);
        assertThatThrownBy(() -> Interpolate.nearest(x, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Interpolate.bilinear(x, 0, 3, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Interpolate.trilinear(x, 1, 2, 3, false)).isInstanceOf(IllegalArgumentException.class);
    }

    // Reference values: PyTorch 1.13.1 (Debian python3-torch), CPU, float32, printed by the snippet above each
    // constant with import torch.nn.functional as F and ramp() as in NnTesting.
    // BILINEAR_AC: [1, 2, 5, 3]
    // F.interpolate(ramp((1,2,3,4)), size=(5,3), mode="bilinear", align_corners=True)
    private static final float[] BILINEAR_AC = {
                -1.5f, -0.5f, 0.5f, -1.25f, -0.25f, 0.75f, -1f, 0f, 1f, -0.75f, 0.25f, 1.25f, -0.5f, 0.5f, 1.5f, 0f,
                -0.625f, -1.25f, 0.25f, -0.375f, -1f, 0.5f, -0.125f, -0.75f, 0.75f, 0.125f, -0.5f, 1f, 0.375f, -0.25f};

    // BILINEAR_NOAC: [1, 2, 5, 3]
    // F.interpolate(ramp((1,2,3,4)), size=(5,3), mode="bilinear", align_corners=False)
    private static final float[] BILINEAR_NOAC = {
                -1.20833325f, -0.50000006f, 0.208333507f, -1.00833333f, -0.300000072f, 0.40833351f, -0.708333254f,
                -7.4505806e-08f, 0.708333492f, -0.408333272f, 0.299999952f, 1.00833356f, -0.208333299f, 0.499999911f,
                1.20833349f, -0.25000003f, -0.624999881f, -1.00000012f, -0.0500000156f, -0.424999863f, -0.800000072f,
                0.25f, -0.124999851f, -0.500000119f, 0.550000012f, 0.175000146f, -0.200000092f, 0.75f, 0.375000089f,
                -1.49011612e-07f};

    // BILINEAR_SCALE: [1, 1, 4, 3]
    // F.interpolate(ramp((1,1,3,5)), scale_factor=(1.5, 0.7), mode="bilinear", align_corners=False)
    private static final float[] BILINEAR_SCALE = {
                -1.125f, -0.714285791f, 0.392857015f, -0.348214269f, -0.169642851f, 0.00892858207f, 0.377976149f,
                0.401785761f, -0.541666567f, 0.175595239f, 0.508928537f, -1.20833325f};

    // TRILINEAR_AC: [1, 1, 3, 2, 4]
    // F.interpolate(ramp((1,1,2,3,2)), size=(3,2,4), mode="trilinear", align_corners=True)
    private static final float[] TRILINEAR_AC = {
                -1.5f, -0.916666627f, -0.333333313f, 0.25f, -1f, -0.416666627f, 0.166666701f, 0.75f, -1.125f,
                -0.541666627f, 0.0416667014f, 0.625f, -0.625f, -0.0416666307f, 0.541666687f, 1.125f, -0.75f,
                -0.166666627f, 0.416666687f, 1f, -0.25f, 0.333333373f, 0.916666687f, 1.5f};

    // TRILINEAR_NOAC: [1, 1, 3, 2, 4]
    // F.interpolate(ramp((1,1,2,3,2)), size=(3,2,4), mode="trilinear", align_corners=False)
    private static final float[] TRILINEAR_NOAC = {
                -1.4375f, -1f, -0.125f, 0.3125f, -1.0625f, -0.625f, 0.25f, 0.6875f, -1.0625f, -0.625f, 0.25f, 0.6875f,
                -0.6875f, -0.25f, 0.625f, 1.0625f, -0.6875f, -0.249999985f, 0.62499994f, 1.0625f, -0.3125f, 0.125f,
                0.99999994f, 1.43749988f};

    // NEAREST_SIZE: [1, 1, 5, 3]
    // F.interpolate(ramp((1,1,3,4)), size=(5,3), mode="nearest")
    private static final float[] NEAREST_SIZE = {
                -1.5f, 0.25f, -1.25f, -1.5f, 0.25f, -1.25f, -1f, 0.75f, -0.75f, -1f, 0.75f, -0.75f, -0.5f, 1.25f, -0.25f};

    // NEAREST_QUARTER: [1, 1, 2, 2]
    // F.interpolate(ramp((1,1,8,8)), scale_factor=(0.25, 0.25))
    private static final float[] NEAREST_QUARTER = {
                -1.5f, -1f, -0.75f, -0.25f};

    // NEAREST_3D: [1, 1, 2, 4, 6]
    // F.interpolate(ramp((1,1,2,2,3)), scale_factor=(1, 2, 2))
    private static final float[] NEAREST_3D = {
                -1.5f, -1.5f, 0.25f, 0.25f, -1.25f, -1.25f, -1.5f, -1.5f, 0.25f, 0.25f, -1.25f, -1.25f, 0.5f, 0.5f, -1f,
                -1f, 0.75f, 0.75f, 0.5f, 0.5f, -1f, -1f, 0.75f, 0.75f, -0.75f, -0.75f, 1f, 1f, -0.5f, -0.5f, -0.75f,
                -0.75f, 1f, 1f, -0.5f, -0.5f, 1.25f, 1.25f, -0.25f, -0.25f, 1.5f, 1.5f, 1.25f, 1.25f, -0.25f, -0.25f,
                1.5f, 1.5f};

    // NEAREST_ODD: [1, 1, 3, 7]
    // F.interpolate(ramp((1,1,5,5)), scale_factor=(0.7, 1.5))
    private static final float[] NEAREST_ODD = {
                -1.5f, -1.5f, 0.25f, -1.25f, -1.25f, 0.5f, -1f, 0.75f, 0.75f, -0.75f, 1f, 1f, -0.5f, 1.25f, -0.25f,
                -0.25f, 1.5f, 0f, 0f, -1.5f, 0.25f};

    // BILINEAR_UP2: [1, 2, 8, 10]
    // F.interpolate(ramp((1,2,4,5)), scale_factor=2, mode="bilinear", align_corners=False)
    private static final float[] BILINEAR_UP2 = {
                -1.5f, -1.0625f, -0.1875f, -0.125f, -0.875f, -0.8125f, 0.0625f, 0.125f, -0.625f, -1f, -0.9375f,
                -0.703125f, -0.234375f, -0.171875f, -0.515625f, -0.453125f, 0.015625f, 0.078125f, -0.265625f, -0.4375f,
                0.1875f, 0.015625f, -0.328125f, -0.265625f, 0.203125f, 0.265625f, -0.078125f, -0.015625f, 0.453125f,
                0.6875f, 0.5f, 0.328125f, -0.015625f, 0.046875f, 0.515625f, 0.375f, -0.375f, -0.3125f, 0.5625f, 1f, 0f,
                0.234375f, 0.703125f, 0.765625f, 0.421875f, -0.125f, -0.875f, -0.8125f, 0.0625f, 0.5f, -0.5f, -0.0625f,
                0.8125f, 0.875f, 0.125f, -0.421875f, -0.765625f, -0.703125f, -0.234375f, 0f, -1f, -0.5625f, 0.3125f,
                0.375f, -0.375f, -0.515625f, -0.046875f, 0.015625f, -0.328125f, -0.5f, -1.25f, -0.8125f, 0.0625f, 0.125f,
                -0.625f, -0.5625f, 0.3125f, 0.375f, -0.375f, -0.75f, 1f, 0.625f, -0.125f, -0.0625f, 0.8125f, 0.875f,
                0.125f, 0.1875f, 1.0625f, 1.5f, 0.75f, 0.375f, -0.375f, -0.3125f, 0.5625f, 0.625f, -0.125f, -0.0625f,
                0.8125f, 1.25f, 0.25f, -0.125f, -0.875f, -0.8125f, 0.0625f, 0.125f, -0.625f, -0.5625f, 0.3125f, 0.75f,
                -0.25f, -0.421875f, -0.765625f, -0.703125f, -0.234375f, -0.171875f, -0.515625f, -0.453125f, 0.015625f,
                0.25f, -0.75f, -0.515625f, -0.046875f, 0.015625f, -0.328125f, -0.265625f, 0.203125f, 0.265625f,
                -0.078125f, -0.25f, -0.4375f, -0.203125f, 0.265625f, 0.328125f, -0.015625f, 0.046875f, 0.515625f, 0.375f,
                -0.375f, -0.75f, 0.6875f, 0.515625f, 0.171875f, 0.234375f, 0.703125f, 0.765625f, 0.421875f, -0.125f,
                -0.875f, -1.25f, 1.25f, 0.875f, 0.125f, 0.1875f, 1.0625f, 1.125f, 0.375f, -0.375f, -1.125f, -1.5f};

    // BILINEAR_UP3X1: [1, 1, 9, 4]
    // F.interpolate(ramp((1,1,3,4)), scale_factor=(3, 1), mode="bilinear", align_corners=False)
    private static final float[] BILINEAR_UP3X1 = {
                -1.5f, 0.25f, -1.25f, 0.5f, -1.5f, 0.25f, -1.25f, 0.5f, -1.33333325f, 0.416666687f, -1.08333325f,
                0.666666687f, -1.16666663f, 0.583333373f, -0.916666627f, 0.833333373f, -0.99999994f, 0.75f, -0.74999994f,
                1f, -0.833333313f, 0.916666687f, -0.583333313f, 1.16666675f, -0.666666627f, 1.08333337f, -0.416666627f,
                1.33333337f, -0.5f, 1.25f, -0.25f, 1.5f, -0.5f, 1.25f, -0.25f, 1.5f};

    // BILINEAR_DOWN2: [1, 2, 2, 3]
    // F.interpolate(ramp((1,2,4,6)), scale_factor=0.5, mode="bilinear", align_corners=False)
    private static final float[] BILINEAR_DOWN2 = {
                -0.25f, 0f, 0.25f, -0.375f, -0.125f, 0.125f, 0.3125f, -0.25f, 0f, 0.1875f, -0.375f, -0.125f};

    // BILINEAR_DOWN3X4: [1, 1, 3, 2]
    // F.interpolate(ramp((1,1,9,8)), size=(3, 2), mode="bilinear", align_corners=False)
    private static final float[] BILINEAR_DOWN3X4 = {0.5f, -0.625f, 0.25f, 0.75f, 0f, 0.5f};

    // NEAREST_2X3: [1, 1, 4, 9]
    // F.interpolate(ramp((1,1,2,3)), scale_factor=(2, 3), mode="nearest")
    private static final float[] NEAREST_2X3 = {
                -1.5f, -1.5f, -1.5f, 0.25f, 0.25f, 0.25f, -1.25f, -1.25f, -1.25f, -1.5f, -1.5f, -1.5f, 0.25f, 0.25f,
                0.25f, -1.25f, -1.25f, -1.25f, 0.5f, 0.5f, 0.5f, -1f, -1f, -1f, 0.75f, 0.75f, 0.75f, 0.5f, 0.5f, 0.5f,
                -1f, -1f, -1f, 0.75f, 0.75f, 0.75f};
}
