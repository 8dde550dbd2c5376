package io.sadtalker.core.nn;

import static io.sadtalker.core.nn.NnTesting.assertClose;
import static io.sadtalker.core.nn.NnTesting.input;
import static io.sadtalker.core.nn.NnTesting.ramp;
import static io.sadtalker.core.nn.NnTesting.weights;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.types.Shape;
import io.sadtalker.core.weights.Weights;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConvTranspose2dTest extends ManagedArrays {
    private static final double ATOL = 1e-5;
    @Test
    void strideTwoWithOutputPaddingAndGroups() {
        Weights w = weights(m, Map.of("weight", ramp(m, 5, 11, 8, 4, 3, 3, 3), "bias", ramp(m, 3, 7, 10, 6)));
        ConvTranspose2d conv = w.bind(x -> ConvTranspose2d.load(x, 4, 6, 3,
                ConvConfig.DEFAULT.stride(2).padding(1).groups(2), 1));
        assertClose(conv.forward(input(m, 1, 4, 3, 2)), new long[] {1, 6, 6, 4}, CONVT_GROUPS, ATOL);
    }

    @Test
    void kernelFourStrideTwoDoublesTheSize() {
        Weights w = weights(m, Map.of("weight", ramp(m, 5, 11, 8, 2, 1, 4, 4)));
        ConvTranspose2d conv = w.bind(x -> ConvTranspose2d.load(x, 2, 1, 4, ConvConfig.DEFAULT.stride(2).padding(1).noBias(), 0));
        assertClose(conv.forward(input(m, 2, 2, 2, 3)), new long[] {2, 1, 4, 6}, CONVT_K4, ATOL);
    }

    @Test
    void dilation() {
        Weights w = weights(m, Map.of("weight", ramp(m, 5, 11, 8, 2, 2, 3, 3), "bias", ramp(m, 3, 7, 10, 2)));
        ConvTranspose2d conv = w.bind(x -> ConvTranspose2d.load(x, 2, 2, 3, ConvConfig.DEFAULT.dilation(2), 0));
        assertClose(conv.forward(input(m, 1, 2, 3, 2)), new long[] {1, 2, 7, 6}, CONVT_DIL, ATOL);
    }

    @Test
    void paddingLargerThanKernelCrops() {
        ConvTranspose2d conv = ConvTranspose2d.of(ramp(m, 5, 11, 8, 1, 1, 3, 3), null, new long[] {3, 3},
                new long[] {3, 3}, new long[] {2, 2}, new long[] {1, 1}, 1);
        assertClose(conv.forward(input(m, 1, 1, 3, 3)), new long[] {1, 1, 5, 5}, CONVT_CROP, ATOL);
    }

    @Test
    void outputSizeFormula() {
        // (H-1)*s - 2p + d*(k-1) + op + 1 = 3*2 - 2 + 2 + 1 + 1 = 8 rows, 4*2 - 2 + 2 + 1 + 1 = 10 columns
        ConvTranspose2d conv = ConvTranspose2d.of(m.ones(new Shape(2, 3, 3, 3)), null, new long[] {2, 2},
                new long[] {1, 1}, new long[] {1, 1}, new long[] {1, 1}, 1);
        assertThat(conv.forward(m.ones(new Shape(1, 2, 4, 5))).getShape())
                .isEqualTo(new Shape(1, 3, 8, 10));
    }

    // Reference values: PyTorch 1.13.1 (Debian python3-torch), CPU, float32, printed by the snippet above each
    // constant with import torch.nn.functional as F and ramp() as in NnTesting.
    // CONVT_GROUPS: [1, 6, 6, 4]
    // F.conv_transpose2d(ramp((1,4,3,2)), ramp((4,3,3,3),5,11,8), ramp((6,),3,7,10), stride=2, padding=1, output_padding=1, groups=2)
    private static final float[] CONVT_GROUPS = {
                -0.675000012f, 0.199999988f, -0.675000012f, -0.237500012f, 0.0749999881f, -2.89374995f, 0.0749999881f,
                0.231249988f, -0.675000012f, 0.199999988f, -0.675000012f, -0.268750012f, 0.0749999881f, -2.89374995f,
                0.0749999881f, 0.512499988f, -0.675000012f, 0.199999988f, -0.675000012f, -0.300000012f, 0.0749999881f,
                -1.36249995f, -0.581250012f, 0.824999988f, -0.65625f, 0.375f, -0.21875f, 0.21875f, -0.125f, 0.03125f,
                0.75f, -1.15625f, -0.59375f, 0.5f, -0.15625f, 0.25f, 0f, -0.40625f, 0.875f, -1.4375f, -0.53125f, 0.625f,
                -0.09375f, 0.28125f, 0.21875f, -0.59375f, 0f, -0.65625f, 1.42499995f, 0.550000012f, -0.106249988f,
                0.675000012f, -0.324999988f, 0.206250012f, 1.42499995f, -0.481249988f, 1.20624995f, 0.800000012f,
                -0.324999988f, 0.768750012f, -0.0749999881f, 0.0187500119f, 1.67499995f, -0.637499988f, 0.987500012f,
                1.04999995f, -0.543749988f, 0.862500012f, 0.362500012f, -0.168749988f, 0.581250012f, -0.0749999881f,
                0.0874999985f, -1.13125002f, -0.100000001f, -0.474999994f, -0.975000024f, 0.150000006f, 0.712499976f,
                0.275000006f, 0.118749999f, -1.06875002f, -0.0687500015f, -0.474999994f, -1.25625002f, 0.275000006f,
                0.431250006f, 0.275000006f, 0.150000006f, -1.00625002f, -0.0375000015f, -0.474999994f, -0.693750024f,
                -0.0687500015f, -0.318749994f, 0.275000006f, 0.481249988f, 1.04375005f, -0.081249997f, -0.456250012f,
                -0.425000012f, 0.200000003f, 0.512499988f, 0.075000003f, 0.574999988f, 0.887499988f, 0.012500003f,
                -0.393750012f, -0.581250012f, 0.574999988f, 0.356249988f, 0.200000003f, 0.668749988f, 0.731249988f,
                0.106250003f, -0.331250012f, -0.174999997f, 0.293749988f, -0.174999997f, 0.418749988f, 0.174999997f,
                0.456250012f, -0.762499988f, 0.925000012f, -0.574999988f, 0.237499997f, -0.387499988f, -0.824999988f,
                0.331250012f, 0.081249997f, -0.606249988f, 0.706250012f, -0.606249988f, 0.518750012f, -0.418749988f,
                -0.574999988f, 0.487500012f, -0.293749988f, -0.449999988f, 0.487500012f, -0.356249988f, -0.043750003f,
                -0.731249988f, -0.137500003f};

    // CONVT_K4: [2, 1, 4, 6]
    // F.conv_transpose2d(ramp((2,2,2,3)), ramp((2,1,4,4),5,11,8), None, stride=2, padding=1)
    private static final float[] CONVT_K4 = {
                0.28125f, -0.46875f, 0.625f, -0.90625f, 0.15625f, -0.15625f, 1.3125f, 0.65625f, 1.03125f, -1.46875f,
                0.90625f, -0.5f, -0.625f, -0.59375f, -0.5625f, -0.5625f, -0.59375f, -0.625f, -0.40625f, 0.28125f,
                -0.09375f, 0.875f, 0.125f, 0.84375f, 0.09375f, -0.84375f, 0.28125f, -0.46875f, 0.625f, -0.53125f,
                -0.28125f, -1.6875f, 1.15625f, 0.65625f, 1.03125f, 0f, -0.03125f, -0.625f, -0.53125f, -0.59375f,
                -0.5625f, 0f, 0.6875f, 0.5f, 0.5f, 0.28125f, -0.09375f, -0.25f};

    // CONVT_DIL: [1, 2, 7, 6]
    // F.conv_transpose2d(ramp((1,2,3,2)), ramp((2,2,3,3),5,11,8), ramp((2,),3,7,10), stride=1, padding=0, dilation=2)
    private static final float[] CONVT_DIL = {
                0.918749988f, -0.831250012f, -0.487500012f, -0.0500000119f, -0.862500012f, -0.643750012f, 0.668749988f,
                -1.08124995f, -0.425000012f, 0.0124999881f, -0.831250012f, -0.612500012f, 0.512499988f, -1.23749995f,
                -0.643750012f, -0.425000012f, -0.425000012f, -0.643750012f, -0.206250012f, -0.206250012f, -0.612500012f,
                -0.831250012f, 0.0124999881f, -0.425000012f, -1.23749995f, 0.512499988f, 0.0124999881f, -1.08124995f,
                -0.800000012f, 0.0749999881f, -1.08124995f, 0.668749988f, 0.231249988f, -0.643750012f, -0.862500012f,
                0.449999988f, -0.831250012f, 0.918749988f, 0.106249988f, -0.768750012f, -0.675000012f, 0.637499988f,
                0.9375f, -0.375f, -0.46875f, 0.40625f, 1.21875f, -0.53125f, 0.75f, -0.5625f, -0.34375f, 0.53125f,
                0.96875f, -0.78125f, 0.375f, -0.5f, -0.78125f, 0.3125f, 0.8125f, -0.9375f, -0.125f, 0.3125f, -0.53125f,
                -0.3125f, 0.09375f, 0.09375f, -0.34375f, -0.125f, -0.125f, -0.34375f, -0.9375f, 0.8125f, -0.3125f,
                -0.53125f, 0.3125f, -0.125f, -0.78125f, 0.96875f, -0.34375f, -0.5625f, 0.25f, -0.1875f, -0.53125f,
                1.21875f};

    // CONVT_CROP: [1, 1, 5, 5]
    // F.conv_transpose2d(ramp((1,1,3,3)), ramp((1,1,3,3),5,11,8), None, stride=3, padding=3, output_padding=2)
    private static final float[] CONVT_CROP = {
                0.625f, 0f, -0.625f, -0.46875f, 0f, 0.125f, -0.5f, 0.25f, -0.09375f, 0.375f, -0.375f, 0.375f, -0.25f,
                0.28125f, -0.28125f, -0.625f, 0f, 0.625f, 0.3125f, 0f, -0.125f, 0.5f, -0.25f, 0.0625f, -0.25f};
}
