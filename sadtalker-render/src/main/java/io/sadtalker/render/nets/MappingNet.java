package io.sadtalker.render.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import io.sadtalker.core.weights.Weights;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code mapping.MappingNet}: a window of 3DMM coefficients (B, coeff_nc, 27) to head pose and expression
 * ({@link Mapping}): Conv1d k7, {@code layer} residual blocks (LeakyReLU 0.1, Conv1d k3 dilation 3, plus the
 * centre crop of the input), average pooling, five linear heads.
 */
public final class MappingNet {
    private final ConvLayer first;
    private final List<ConvLayer> encoders;
    private final NDArray[] yaw;
    private final NDArray[] pitch;
    private final NDArray[] roll;
    private final NDArray[] t;
    private final NDArray[] exp;

    private MappingNet(ConvLayer first, List<ConvLayer> encoders, NDArray[] yaw, NDArray[] pitch, NDArray[] roll,
                       NDArray[] t, NDArray[] exp) {
        this.first = first;
        this.encoders = encoders;
        this.yaw = yaw;
        this.pitch = pitch;
        this.roll = roll;
        this.t = t;
        this.exp = exp;
    }

    /**
     * Loads the net from {@code w} (the {@code mapping} entry of mapping_00229 / mapping_00109) with the
     * constructor arguments of {@code mapping_params}; shapes are checked against them.
     */
    public static MappingNet load(Weights w, int coeffNc, int descriptorNc, int layer, int numKp, int numBins) {
        Weights f = w.prefix("first").prefix(0);
        ConvLayer first = new ConvLayer(f.get("weight", descriptorNc, coeffNc, 7), f.get("bias", descriptorNc), 1, 0, 1, 1);
        List<ConvLayer> encoders = new ArrayList<>();
        for (int i = 0; i < layer; i++) {
            Weights e = w.prefix("encoder" + i).prefix(1);
            encoders.add(new ConvLayer(e.get("weight", descriptorNc, descriptorNc, 3), e.get("bias", descriptorNc), 1, 0,
                    3, 1));
        }
        return new MappingNet(first, encoders, linear(w.prefix("fc_yaw"), numBins, descriptorNc),
                linear(w.prefix("fc_pitch"), numBins, descriptorNc), linear(w.prefix("fc_roll"), numBins, descriptorNc),
                linear(w.prefix("fc_t"), 3, descriptorNc), linear(w.prefix("fc_exp"), 3 * numKp, descriptorNc));
    }

    /** Loads the net with the {@code mapping_params} of {@code p}. */
    public static MappingNet load(Weights w, Params p) {
        return load(w, p.coeffNc(), p.descriptorNc(), p.layer(), p.numKp(), p.numBins());
    }

    /** {@code mapping_params} of facerender.yaml (coeff_nc 70) / facerender_still.yaml (coeff_nc 73). */
    public record Params(int coeffNc, int descriptorNc, int layer, int numKp, int numBins) {
        public static Params facerender() {
            return new Params(70, 1024, 3, 15, 66);
        }

        public static Params facerenderStill() {
            return new Params(73, 1024, 3, 15, 66);
        }
    }

    private static NDArray[] linear(Weights w, int out, int in) {
        return new NDArray[] {w.get("weight", out, in), w.get("bias", out)};
    }

    /** Head pose and expression for {@code input3dmm} (B, coeff_nc, 27); attached to the input's manager. */
    public Mapping forward(NDArray input3dmm) {
        NDManager manager = input3dmm.getManager();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray out = first.forward(input3dmm);
            for (ConvLayer encoder : encoders) {
                long len = out.getShape().get(2);
                out = encoder.forward(Activation.leakyRelu(out, 0.1f)).add(out.get(":, :, 3:" + (len - 3)));
            }
            out = out.mean(new int[] {2});
            Mapping m = new Mapping(apply(yaw, out), apply(pitch, out), apply(roll, out), apply(t, out), apply(exp, out));
            NDList result = new NDList(m.yaw(), m.pitch(), m.roll(), m.t(), m.exp());
            NDScope.unregister(result);
            result.attach(manager);
            return m;
        }
    }

    private static NDArray apply(NDArray[] linear, NDArray x) {
        return Linear.linear(x, linear[0], linear[1]).singletonOrThrow();
    }
}
