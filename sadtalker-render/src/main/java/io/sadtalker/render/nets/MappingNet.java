package io.sadtalker.render.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import io.sadtalker.core.config.FacerenderConfig;
import io.sadtalker.core.nn.Activations;
import io.sadtalker.core.nn.Conv1d;
import io.sadtalker.core.nn.ConvConfig;
import io.sadtalker.core.nn.Linear;
import io.sadtalker.core.weights.Weights;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code mapping.MappingNet}: a window of 3DMM coefficients (B, coeff_nc, 27) to head pose and expression
 * ({@link Mapping}): Conv1d k7, {@code layer} residual blocks (LeakyReLU 0.1, Conv1d k3 dilation 3, plus the
 * centre crop of the input), average pooling, five linear heads.
 */
public final class MappingNet {
    private final Conv1d first;
    private final List<Conv1d> encoders;
    private final Linear yaw;
    private final Linear pitch;
    private final Linear roll;
    private final Linear t;
    private final Linear exp;

    private MappingNet(Conv1d first, List<Conv1d> encoders, Linear yaw, Linear pitch, Linear roll, Linear t,
                       Linear exp) {
        this.first = first;
        this.encoders = encoders;
        this.yaw = yaw;
        this.pitch = pitch;
        this.roll = roll;
        this.t = t;
        this.exp = exp;
    }

    /**
     * Loads the net from {@code w} (the {@code mapping} entry of mapping_00229 / mapping_00109) as
     * {@code MappingNet(**mapping_params)}; shapes are checked against {@code p}.
     */
    public static MappingNet load(Weights w, FacerenderConfig.MappingParams p) {
        int d = p.descriptorNc();
        Conv1d first = Conv1d.load(w.prefix("first").prefix(0), p.coeffNc(), d, 7, ConvConfig.DEFAULT);
        List<Conv1d> encoders = new ArrayList<>();
        for (int i = 0; i < p.layer(); i++) {
            encoders.add(Conv1d.load(w.prefix("encoder" + i).prefix(1), d, d, 3, ConvConfig.DEFAULT.dilation(3)));
        }
        return new MappingNet(first, encoders, Linear.load(w.prefix("fc_yaw"), d, p.numBins()),
                Linear.load(w.prefix("fc_pitch"), d, p.numBins()), Linear.load(w.prefix("fc_roll"), d, p.numBins()),
                Linear.load(w.prefix("fc_t"), d, 3), Linear.load(w.prefix("fc_exp"), d, 3 * p.numKp()));
    }

    /** Head pose and expression for {@code input3dmm} (B, coeff_nc, 27); attached to the input's manager. */
    public Mapping forward(NDArray input3dmm) {
        NDManager manager = input3dmm.getManager();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray out = first.forward(input3dmm);
            for (Conv1d encoder : encoders) {
                long len = out.getShape().get(2);
                out = encoder.forward(Activations.leakyRelu(out, 0.1)).add(out.get(":, :, 3:" + (len - 3)));
            }
            out = out.mean(new int[] {2});
            Mapping m = new Mapping(yaw.forward(out), pitch.forward(out), roll.forward(out), t.forward(out), exp.forward(out));
            NDList result = new NDList(m.yaw(), m.pitch(), m.roll(), m.t(), m.exp());
            NDScope.unregister(result);
            result.attach(manager);
            return m;
        }
    }
}
