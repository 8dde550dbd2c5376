package io.sadtalker.core.nn;

import static io.sadtalker.core.nn.NnTesting.assertClose;
import static io.sadtalker.core.nn.NnTesting.input;
import static io.sadtalker.core.nn.NnTesting.ramp;
import static io.sadtalker.core.nn.NnTesting.weights;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.sadtalker.core.CheckpointException;
import io.sadtalker.core.weights.Weights;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NormTest extends ManagedArrays {
    private static final double ATOL = 1e-5;
    /** running_mean, running_var, weight, bias and num_batches_tracked as in a BatchNorm state dict. */
    private Weights batchNormWeights() {
        Map<String, NDArray> t = new LinkedHashMap<>();
        t.put("weight", ramp(m, 2, 5, 10, 3).add(1));
        t.put("bias", ramp(m, 4, 9, 10, 3));
        t.put("running_mean", ramp(m, 3, 7, 10, 3));
        t.put("running_var", ramp(m, 5, 7, 10, 3).add(1));
        t.put("num_batches_tracked", m.create(0L));
        return weights(m, t);
    }

    @Test
    void batchNormOneTwoAndThreeD() {
        BatchNorm bn = batchNormWeights().bind(w -> BatchNorm.load(w, 3, 1e-5));
        assertClose(bn.forward(input(m, 2, 3)), new long[] {2, 3}, BN1D, ATOL);
        assertClose(bn.forward(input(m, 1, 3, 2, 2)), new long[] {1, 3, 2, 2}, BN2D, ATOL);
        BatchNorm bnEps = batchNormWeights().bind(w -> BatchNorm.load(w, 3, 1e-3));
        assertClose(bnEps.forward(input(m, 2, 3, 2)), new long[] {2, 3, 2}, BN1D_L, ATOL);
        assertClose(bn.forward(input(m, 1, 3, 2, 1, 2)), new long[] {1, 3, 2, 1, 2}, BN3D, ATOL);
    }

    @Test
    void batchNormRejectsWrongChannels() {
        BatchNorm bn = batchNormWeights().bind(w -> BatchNorm.load(w, 3, 1e-5));
        assertThatThrownBy(() -> bn.forward(input(m, 1, 4, 2, 2))).isInstanceOf(IllegalArgumentException.class);
        Map<String, NDArray> bad = Map.of("running_mean", input(m, 3), "running_var", input(m, 4), "weight",
                input(m, 3), "bias", input(m, 3));
        assertThatThrownBy(() -> weights(m, bad).bind(w -> BatchNorm.load(w, 3, 1e-5)))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("running_var");
    }

    @Test
    void instanceNormAffineAndPlain() {
        Weights w = weights(m, Map.of("weight", ramp(m, 2, 5, 10, 3).add(1), "bias", ramp(m, 4, 9, 10, 3)));
        InstanceNorm in = w.bind(x -> InstanceNorm.load(x, 3, 1e-5));
        assertClose(in.forward(input(m, 2, 3, 2, 3)), new long[] {2, 3, 2, 3}, IN_AFFINE, ATOL);
        assertClose(InstanceNorm.apply(input(m, 1, 2, 2, 2, 3), 1e-5), new long[] {1, 2, 2, 2, 3}, IN3D_PLAIN, ATOL);
    }

    @Test
    void instanceNormOfAConstantIsZero() {
        NDArray out = InstanceNorm.apply(m.full(new Shape(1, 2, 3, 3), 7f), 1e-5);
        assertThat(out.abs().max().getFloat()).isZero();
    }

    @Test
    void groupNorm() {
        Weights w = weights(m, Map.of("weight", ramp(m, 2, 5, 10, 4).add(1), "bias", ramp(m, 4, 9, 10, 4)));
        GroupNorm gn = w.bind(x -> GroupNorm.load(x, 2, 4, 1e-6));
        assertClose(gn.forward(input(m, 2, 4, 3)), new long[] {2, 4, 3}, GN, ATOL);
    }

    @Test
    void linearWithAndWithoutBias() {
        Weights w = weights(m, Map.of("weight", ramp(m, 5, 11, 8, 3, 4), "bias", ramp(m, 3, 7, 10, 3)));
        Linear linear = w.bind(x -> Linear.load(x, 4, 3));
        assertClose(linear.forward(input(m, 2, 2, 4)), new long[] {2, 2, 3}, LINEAR, ATOL);
        Linear noBias = weights(m, Map.of("weight", ramp(m, 5, 11, 8, 3, 4))).bind(x -> Linear.load(x, 4, 3, false));
        assertClose(noBias.forward(input(m, 2, 4)), new long[] {2, 3}, LINEAR_NOBIAS, ATOL);
        assertThatThrownBy(() -> linear.forward(input(m, 2, 3))).isInstanceOf(IllegalArgumentException.class);
    }

    // Reference values: PyTorch 1.13.1 (Debian python3-torch), CPU, float32, printed by the snippet above each
    // constant with import torch.nn.functional as F and ramp() as in NnTesting.
    // BN1D: [2, 3]
    // F.batch_norm(ramp((2,3)), rm, rv, g, b, training=False, eps=1e-5)
    //   with rm=ramp((3,),3,7,10), rv=ramp((3,),5,7,10)+1, g=ramp((3,),2,5,10)+1, b=ramp((3,),4,9,10)
    private static final float[] BN1D = {
                -1.54741132f, 0.228216782f, -1.45999086f, 0.364940882f, -0.912867129f, 0.939997315f};

    // BN1D_L: [2, 3, 2]
    // F.batch_norm(ramp((2,3,2)), rm, rv, g, b, training=False, eps=1e-3)
    private static final float[] BN1D_L = {
                -1.54660082f, 0.1255254f, -1.14061344f, 0.456245393f, -1.1592207f, 0.939730227f, -0.829975307f,
                0.842150927f, -0.456245393f, 1.14061344f, -0.259670317f, 1.83928061f};

    // BN2D: [1, 3, 2, 2]
    // F.batch_norm(ramp((1,3,2,2)), rm, rv, g, b, training=False, eps=1e-5)
    private static final float[] BN2D = {
                -1.54741132f, 0.125896871f, -1.30836725f, 0.364940882f, -0.912867129f, 0.684650362f, -0.684650362f,
                0.912867129f, -0.559995294f, 1.53999436f, -0.259996772f, 1.83999288f};

    // BN3D: [1, 3, 2, 1, 2]
    // F.batch_norm(ramp((1,3,2,1,2)), rm, rv, g, b, training=False, eps=1e-5)
    private static final float[] BN3D = {
                -1.54741132f, 0.125896871f, -1.30836725f, 0.364940882f, -0.912867129f, 0.684650362f, -0.684650362f,
                0.912867129f, -0.559995294f, 1.53999436f, -0.259996772f, 1.83999288f};

    // IN_AFFINE: [2, 3, 2, 3]
    // F.instance_norm(ramp((2,3,2,3)), weight=g, bias=b, eps=1e-5)
    private static final float[] IN_AFFINE = {
                -1.40166986f, 0.156483233f, -1.17907655f, 0.379076511f, -0.956483245f, 0.601669788f, -1.25208724f,
                0.695604026f, -0.973845601f, 0.973845601f, -0.695603967f, 1.25208724f, 1.1719147f, -1.14382935f,
                1.55787206f, -0.757871985f, 1.9438293f, -0.371914625f, 0.114609748f, -1.42921948f, 0.371914625f,
                -1.17191458f, 0.629219532f, -0.91460979f, 1.54109621f, 0.0811103284f, -1.37887549f, 0.324441314f,
                -1.13554454f, 0.567772269f, -1.10250473f, 1.23472488f, -0.768614769f, 1.56861472f, -0.434724808f,
                1.90250468f};

    // IN3D_PLAIN: [1, 2, 2, 2, 3]
    // F.instance_norm(ramp((1,2,2,2,3)), eps=1e-5)
    private static final float[] IN3D_PLAIN = {
                -1.54064965f, 0.256774932f, -1.28387463f, 0.513549864f, -1.02709973f, 0.770324826f, -0.770324826f,
                1.02709973f, -0.513549864f, 1.28387463f, -0.256774932f, 1.54064965f, 0.144840389f, -1.59324431f,
                0.434521168f, -1.30356348f, 0.724201918f, -1.01388276f, 1.01388276f, -0.724201918f, 1.30356348f,
                -0.434521168f, 1.59324431f, -0.144840389f};

    // GN: [2, 4, 3]
    // F.group_norm(ramp((2,4,3)), 2, ramp((4,),2,5,10)+1, ramp((4,),4,9,10), eps=1e-6)
    private static final float[] GN = {
                -1.40167534f, 0.156486332f, -1.17908084f, 0.973851025f, -0.695607901f, 1.25209415f, -1.10251307f,
                1.23472953f, -0.768621325f, 0.776465952f, -0.726047099f, 1.02688479f, 0.114613563f, -1.42922711f,
                0.371920347f, -0.964900494f, 1.28653395f, -0.643266976f, 1.17192042f, -1.14384079f, 1.55788064f,
                -0.968410373f, 1.05788052f, -0.678940296f};

    // LINEAR: [2, 2, 3]
    // F.linear(ramp((2,2,4)), ramp((3,4),5,11,8), ramp((3,),3,7,10))
    private static final float[] LINEAR = {
                -0.206250012f, -1.46875f, -0.668749988f, -0.268750012f, -1.34375f, -1.04375005f, -0.331250012f,
                -1.21875f, -1.41875005f, 0.0124999881f, 0.9375f, 1.86249995f};

    // LINEAR_NOBIAS: [2, 3]
    // F.linear(ramp((2,4)), ramp((3,4),5,11,8))
    private static final float[] LINEAR_NOBIAS = {
                0.09375f, -1.46875f, -0.96875f, 0.03125f, -1.34375f, -1.34375f};
}
