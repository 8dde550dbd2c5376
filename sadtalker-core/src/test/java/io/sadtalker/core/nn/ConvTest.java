package io.sadtalker.core.nn;

import static io.sadtalker.core.nn.NnTesting.assertClose;
import static io.sadtalker.core.nn.NnTesting.input;
import static io.sadtalker.core.nn.NnTesting.ramp;
import static io.sadtalker.core.nn.NnTesting.weights;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import io.sadtalker.core.CheckpointException;
import io.sadtalker.core.weights.Weights;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConvTest extends ManagedArrays {
    private static final double ATOL = 1e-5;
    @Test
    void conv2dStridePaddingGroupsWithBias() {
        Weights w = weights(m, Map.of("weight", ramp(m, 5, 11, 8, 6, 2, 3, 3), "bias", ramp(m, 3, 7, 10, 6)));
        Conv2d conv = w.bind(x -> Conv2d.load(x, 4, 6, 3, ConvConfig.DEFAULT.stride(2).padding(1).groups(2)));
        assertClose(conv.forward(input(m, 1, 4, 5, 6)), new long[] {1, 6, 3, 3}, CONV2D, ATOL);
    }

    @Test
    void conv2dPerAxisStrideAndPaddingWithDilationNoBias() {
        Weights w = weights(m, Map.of("weight", ramp(m, 5, 11, 8, 3, 4, 3, 2)));
        Conv2d conv = w.bind(x -> Conv2d.load(x, 4, 3, new long[] {3, 2},
                ConvConfig.DEFAULT.stride(1, 2).padding(2, 1).dilation(2).noBias()));
        assertThat(conv.bias()).isNull();
        assertClose(conv.forward(input(m, 1, 4, 5, 6)), new long[] {1, 3, 5, 3}, CONV2D_DIL, ATOL);
    }

    @Test
    void conv1d() {
        Weights w = weights(m, Map.of("weight", ramp(m, 5, 11, 8, 2, 3, 3), "bias", ramp(m, 3, 7, 10, 2)));
        Conv1d conv = w.bind(x -> Conv1d.load(x, 3, 2, 3, ConvConfig.DEFAULT.stride(2).padding(1)));
        assertClose(conv.forward(input(m, 2, 3, 7)), new long[] {2, 2, 4}, CONV1D, ATOL);
    }

    @Test
    void conv3dAnisotropic() {
        Weights w = weights(m, Map.of("weight", ramp(m, 5, 11, 8, 2, 2, 1, 3, 3), "bias", ramp(m, 3, 7, 10, 2)));
        Conv3d conv = w.bind(x -> Conv3d.load(x, 2, 2, new long[] {1, 3, 3},
                ConvConfig.DEFAULT.stride(1, 2, 2).padding(0, 1, 1)));
        assertClose(conv.forward(input(m, 1, 2, 3, 4, 4)), new long[] {1, 2, 3, 2, 2}, CONV3D, ATOL);
    }

    @Test
    void spectralNormResolvedAtLoad() {
        NDArray u = ramp(m, 3, 7, 10, 3).add(1);
        NDArray v = ramp(m, 5, 9, 10, 18).add(0.5f);
        Weights w = weights(m, Map.of("weight_orig", ramp(m, 5, 11, 8, 3, 2, 3, 3), "weight_u", u, "weight_v", v,
                "bias", ramp(m, 3, 7, 10, 3)));
        Conv2d conv = w.bind(x -> Conv2d.loadSpectral(x, 2, 3, 3, ConvConfig.DEFAULT.padding(1)));
        assertClose(conv.forward(input(m, 1, 2, 4, 4)), new long[] {1, 3, 4, 4}, SPECTRAL, ATOL);
    }

    @Test
    void strictBindingRejectsUnusedAndMisshapenKeys() {
        Weights extra = weights(m, Map.of("weight", input(m, 2, 1, 3, 3), "scale", input(m, 1)));
        assertThatThrownBy(() -> extra.bind(x -> Conv2d.load(x, 1, 2, 3, ConvConfig.DEFAULT.noBias())))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("scale");
        Weights badBias = weights(m, Map.of("weight", input(m, 2, 1, 3, 3), "bias", input(m, 3)));
        assertThatThrownBy(() -> badBias.bind(x -> Conv2d.load(x, 1, 2, 3, ConvConfig.DEFAULT)))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("bias");
        Weights badRank = weights(m, Map.of("weight", input(m, 2, 1, 3)));
        assertThatThrownBy(() -> badRank.bind(x -> Conv2d.load(x, 1, 2, 3, ConvConfig.DEFAULT.noBias())))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("weight");
    }

    @Test
    void rejectsWrongInputChannels() {
        Conv2d conv = Conv2d.of(input(m, 2, 3, 3, 3), null, new long[] {1, 1}, new long[] {1, 1}, new long[] {1, 1}, 1);
        assertThatThrownBy(() -> conv.forward(input(m, 1, 4, 5, 5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 input channels");
    }

    // Reference values: PyTorch 1.13.1 (Debian python3-torch), CPU, float32, printed by the snippet above each
    // constant with import torch.nn.functional as F and ramp() as in NnTesting.
    // CONV2D: [1, 6, 3, 3]
    // F.conv2d(ramp((1,4,5,6)), ramp((6,2,3,3),5,11,8), ramp((6,),3,7,10), stride=2, padding=1, dilation=1, groups=2)
    private static final float[] CONV2D = {
                -0.675000012f, -0.612500012f, -1.86249995f, -0.706250012f, -0.0500000119f, 2.51250005f, -0.550000012f,
                -1.36249995f, -1.86249995f, 3.0625f, 0.9375f, 3.0625f, -2.34375f, -2.6875f, -2f, 0.875f, 3.0625f,
                1.46875f, -0.0749999881f, 0.768750012f, 1.79999995f, -0.543749988f, -0.856249988f, -1.70000005f,
                1.61249995f, 3.36249995f, 1.70624995f, 0.774999976f, 3.2125001f, 1.80624998f, -2.4437499f, -3.1937499f,
                -3.1312499f, 2.9625001f, 0.837499976f, 2.9625001f, -0.049999997f, -0.425000012f, 1.20000005f,
                -0.206249997f, -1.73749995f, -1.92499995f, -0.174999997f, 0.668749988f, 1.70000005f, -1.23125005f,
                -2.01250005f, -0.793749988f, 1.33124995f, 0.049999997f, 0.300000012f, -0.574999988f, -0.200000003f,
                0.425000012f};

    // CONV2D_DIL: [1, 3, 5, 3]
    // F.conv2d(ramp((1,4,5,6)), ramp((3,4,3,2),5,11,8), None, stride=(1,2), padding=(2,1), dilation=2)
    private static final float[] CONV2D_DIL = {
                0.84375f, 0.90625f, -0.84375f, -1.15625f, 0.9375f, 0f, 0.625f, -0.9375f, -1.09375f, -1.09375f, -0.46875f,
                -1.65625f, 0.5f, 0.03125f, 1.6875f, -0.25f, 0.1875f, -0.96875f, -1.5625f, 2f, 1.65625f, 1.21875f,
                2.34375f, -1.1875f, -1.15625f, 0.9375f, 0f, 0.5f, -1.875f, 0.03125f, 1.0625f, -0.1875f, -0.75f, 0.4375f,
                -1.0625f, -0.8125f, -0.25f, 1.15625f, -1.625f, -1.5625f, 2f, 1.65625f, 1.1875f, 1.375f, -0.59375f};

    // CONV1D: [2, 2, 4]
    // F.conv1d(ramp((2,3,7)), ramp((2,3,3),5,11,8), ramp((2,),3,7,10), stride=2, padding=1)
    private static final float[] CONV1D = {
                0.0749999881f, -0.300000012f, -0.206250012f, -2.17499995f, -0.1875f, -0.90625f, -0.875f, -2.03125f,
                -0.800000012f, -1.54999995f, -2.26874995f, 0.824999988f, -2.09375f, -2.8125f, 0.0625f, 0.90625f};

    // CONV3D: [1, 2, 3, 2, 2]
    // F.conv3d(ramp((1,2,3,4,4)), ramp((2,2,1,3,3),5,11,8), ramp((2,),3,7,10), stride=(1,2,2), padding=(0,1,1))
    private static final float[] CONV3D = {
                0.731249988f, 1.29375005f, -1.23749995f, -1.70624995f, -0.612500012f, -0.987500012f, 1.73125005f,
                2.13750005f, -0.737500012f, -0.425000012f, -0.987500012f, -4.58125019f, 0.9375f, 1.21875f, -0.34375f,
                -2.125f, -1.5f, -1.6875f, -0.03125f, 2.5625f, 2.5625f, 1.5f, -2.5625f, -1.6875f};

    // SPECTRAL: [1, 3, 4, 4]
    // F.conv2d(ramp((1,2,4,4)), wo / torch.dot(u, torch.mv(wo.reshape(3,-1), v)), ramp((3,),3,7,10), padding=1)
    //   with wo=ramp((3,2,3,3),5,11,8), u=ramp((3,),3,7,10)+1, v=ramp((18,),5,9,10)+0.5
    private static final float[] SPECTRAL = {
                -0.435869575f, -0.215081543f, -0.333967388f, -0.3169837f, 0.226494491f, -0.843478262f, 1.17758155f,
                -0.690624952f, 0.4642663f, -0.7076087f, -0.894429386f, 0.0396738648f, -0.0282608271f, -0.3169837f,
                -0.452853292f, 0.107608676f, 0.407608688f, -0.305706561f, 0.713315248f, -0.696331501f, 0.441576123f,
                -1.05298913f, 0.900135934f, 0.237771705f, -0.509510875f, -0.0849184394f, -0.339673996f, -0.220788032f,
                0.271739125f, 0.577445626f, -0.84918493f, 0.611413002f, 0.31698367f, 0.164130449f, -0.107608706f,
                0.232065201f, -0.0906249583f, 0.792527199f, -0.871874869f, 0.792527199f, 0.571739137f, 0.537771702f,
                1.52282619f, -0.107608676f, 0.571739137f, 0.537771761f, -0.685054481f, 0.741576076f};
}
