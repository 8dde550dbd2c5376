package io.sadtalker.core.nn;

import static io.sadtalker.core.nn.NnTesting.assertClose;
import static io.sadtalker.core.nn.NnTesting.input;
import static io.sadtalker.core.nn.NnTesting.ramp;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import org.junit.jupiter.api.Test;

class ActivationsPoolingTest extends ManagedArrays {
    private static final double ATOL = 1e-6;
    @Test
    void activations() {
        NDArray x = input(m, 2, 3, 2);
        assertClose(Activations.softmax(x, 1), new long[] {2, 3, 2}, SOFTMAX1, ATOL);
        assertClose(Activations.softmax(x, -1), new long[] {2, 3, 2}, SOFTMAX_LAST, ATOL);
        assertClose(Activations.sigmoid(x), new long[] {2, 3, 2}, SIGMOID, ATOL);
        assertClose(Activations.tanh(x), new long[] {2, 3, 2}, TANH, ATOL);
        float[] v = x.toFloatArray();
        float[] relu = new float[v.length];
        float[] leaky = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            relu[i] = Math.max(v[i], 0f);
            leaky[i] = v[i] > 0 ? v[i] : 0.2f * v[i];
        }
        assertClose(Activations.relu(x), new long[] {2, 3, 2}, relu, 0);
        assertClose(Activations.leakyRelu(x, 0.2), new long[] {2, 3, 2}, leaky, 1e-7);
        NDArray slopes = m.create(new float[] {0.25f, -0.5f, 0.1f});
        assertClose(Activations.prelu(input(m, 1, 3, 2, 2), slopes), new long[] {1, 3, 2, 2}, PRELU, ATOL);
    }

    @Test
    void poolingCountsPaddingAndFloorsTheSize() {
        NDArray x = input(m, 1, 2, 5, 6);
        assertClose(Pooling.avgPool2d(x, 3, 2, 1), new long[] {1, 2, 3, 3}, AVG2D, ATOL);
        assertClose(Pooling.maxPool2d(x, 3, 2, 1), new long[] {1, 2, 3, 3}, MAX2D, ATOL);
        NDArray y = Pooling.avgPool3d(input(m, 1, 2, 2, 4, 4), new long[] {1, 2, 2}, new long[] {1, 2, 2},
                new long[] {0, 0, 0});
        assertClose(y, new long[] {1, 2, 2, 2, 2}, AVG3D, ATOL);
    }

    @Test
    void adaptiveAveragePooling() {
        NDArray x = input(m, 1, 2, 5, 7);
        assertClose(Pooling.adaptiveAvgPool2d(x, 3, 4), new long[] {1, 2, 3, 4}, ADAPT, ATOL);
        assertClose(Pooling.adaptiveAvgPool2d(x, 1, 1), new long[] {1, 2, 1, 1}, ADAPT1, ATOL);
        NDArray even = input(m, 1, 1, 4, 6);
        assertThat(Pooling.adaptiveAvgPool2d(even, 2, 3).toFloatArray())
                .containsExactly(Pooling.avgPool2d(even, 2, 2, 0).toFloatArray());
    }

    @Test
    void pixelShuffleInvertsUnshuffle() {
        NDArray x = input(m, 1, 1, 4, 4);
        NDArray down = PixelShuffle.pixelUnshuffle(x, 2);
        assertClose(down, new long[] {1, 4, 2, 2}, UNSHUFFLE, 0);
        assertClose(PixelShuffle.pixelShuffle(down, 2), new long[] {1, 1, 4, 4}, x.toFloatArray(), 0);
    }

    // Reference values: PyTorch 1.13.1 (Debian python3-torch), CPU, float32, printed by the snippet above each
    // constant with import torch.nn.functional as F and ramp() as in NnTesting.
    // SOFTMAX1: [2, 3, 2]
    // F.softmax(ramp((2,3,2)), dim=1)
    private static final float[] SOFTMAX1 = {
                0.254275233f, 0.254275233f, 0.326495856f, 0.326495856f, 0.419228971f, 0.419228971f, 0.254275233f,
                0.254275233f, 0.326495856f, 0.326495856f, 0.419228971f, 0.419228971f};

    // SOFTMAX_LAST: [2, 3, 2]
    // F.softmax(ramp((2,3,2)), dim=-1)
    private static final float[] SOFTMAX_LAST = {
                0.148047194f, 0.851952732f, 0.148047194f, 0.851952732f, 0.148047194f, 0.851952732f, 0.148047194f,
                0.851952732f, 0.148047194f, 0.851952732f, 0.148047194f, 0.851952732f};

    // SIGMOID: [2, 3, 2]
    // torch.sigmoid(ramp((2,3,2)))
    private static final float[] SIGMOID = {
                0.182425529f, 0.562176526f, 0.222700134f, 0.622459352f, 0.268941432f, 0.679178715f, 0.320821285f,
                0.731058598f, 0.377540678f, 0.777299881f, 0.437823504f, 0.817574441f};

    // TANH: [2, 3, 2]
    // torch.tanh(ramp((2,3,2)))
    private static final float[] TANH = {
                -0.905148268f, 0.244918659f, -0.848283648f, 0.462117165f, -0.761594176f, 0.635148942f, -0.635148942f,
                0.761594176f, -0.462117165f, 0.848283648f, -0.244918659f, 0.905148268f};

    // PRELU: [1, 3, 2, 2]
    // F.prelu(ramp((1,3,2,2)), torch.tensor([0.25, -0.5, 0.1]))
    private static final float[] PRELU = {
                -0.375f, 0.25f, -0.3125f, 0.5f, 0.5f, 0.75f, 0.375f, 1f, -0.0500000007f, 1.25f, -0.0250000004f, 1.5f};

    // AVG2D: [1, 2, 3, 3]
    // F.avg_pool2d(ramp((1,2,5,6)), 3, 2, 1)  # count_include_pad=True
    private static final float[] AVG2D = {
                -0.111111112f, 0.138888896f, 0.305555552f, -0.138888896f, -0.111111112f, 0.138888896f, 0.166666672f,
                -0.166666672f, 0f, 0.111111112f, 0.111111112f, -0.0833333358f, 0.194444448f, 0.027777778f, -0.444444448f,
                0.027777778f, 0.166666672f, -0.027777778f};

    // MAX2D: [1, 2, 3, 3]
    // F.max_pool2d(ramp((1,2,5,6)), 3, 2, 1)
    private static final float[] MAX2D = {
                1f, 1.25f, 1.5f, 1f, 1.25f, 1.5f, 1.5f, 1f, 1.25f, 1.5f, 1.5f, 1.25f, 1.5f, 1.5f, 1f, 1.25f, 1.5f, 1f};

    // AVG3D: [1, 2, 2, 2, 2]
    // F.avg_pool3d(ramp((1,2,2,4,4)), (1,2,2))
    private static final float[] AVG3D = {
                -0.375f, -0.125f, -0.1875f, 0.0625f, 0f, 0.25f, 0.1875f, -0.375f, 0.375f, -0.1875f, -0.25f, 0f, -0.0625f,
                0.1875f, 0.125f, 0.375f};

    // ADAPT: [1, 2, 3, 4]
    // F.adaptive_avg_pool2d(ramp((1,2,5,7)), (3,4))
    private static final float[] ADAPT = {
                -0.1875f, 0f, 0.25f, -0.375f, 0.0416666679f, 0.138888881f, 0.027777778f, -0.416666657f, 0f, 0.458333343f,
                0.166666672f, -0.1875f, 0.125f, 0.0416666679f, -0.25f, -0.0625f, 0.0833333358f, 0f, -0.111111112f,
                0.166666672f, 0.3125f, -0.0416666679f, 0.208333328f, 0.125f};

    // ADAPT1: [1, 2, 1, 1]
    // F.adaptive_avg_pool2d(ramp((1,2,5,7)), 1)
    private static final float[] ADAPT1 = {
                -0.0714285746f, -0.0142857144f};

    // UNSHUFFLE: [1, 4, 2, 2]
    // F.pixel_unshuffle(ramp((1,1,4,4)), 2)
    private static final float[] UNSHUFFLE = {
                -1.5f, -1.25f, -0.5f, -0.25f, 0.25f, 0.5f, 1.25f, 1.5f, -1f, -0.75f, 0f, 0.25f, 0.75f, 1f, -1.5f, -1.25f};
}
