package io.sadtalker.preprocess.face3d;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.sadtalker.core.weights.Weights;
import io.sadtalker.preprocess.nets.ResNet;

/**
 * SadTalker's 3DMM regressor {@code ReconNetWrapper('resnet50', use_last_fc=False)} of
 * {@code src/face3d/models/networks.py} (checkpoint prefix {@code face_3drecon.}): the ResNet-50 backbone
 * ({@link ResNet}) and {@code final_layers}, seven 1x1 convolutions with bias (id 80, exp 64, tex 80, angle 3,
 * gamma 27, tx/ty 2, tz 1) on the pooled 1x1 feature, concatenated to 257 coefficients. The seven heads are merged
 * at load time into one {@code 257 x 2048} matrix. Input: {@code (B, 3, 224, 224)} RGB in [0, 1]. Immutable; safe
 * for concurrent use.
 */
final class ReconNet {
    /** {@code ReconNetWrapper.fc_dim}. */
    public static final int FC_DIM = 257;
    private static final int[] HEADS = {80, 64, 80, 3, 27, 2, 1};

    private final ResNet backbone;
    private final NDArray headWeight;
    private final NDArray headBias;

    private ReconNet(ResNet backbone, NDArray headWeight, NDArray headBias) {
        this.backbone = backbone;
        this.headWeight = headWeight;
        this.headBias = headBias;
    }

    /** Binds the scope holding {@code backbone.*} and {@code final_layers.*} (e.g. {@code face_3drecon}). */
    public static ReconNet load(Weights w) {
        ResNet backbone = ResNet.resnet50(w.prefix("backbone"));
        Weights heads = w.prefix("final_layers");
        NDList weights = new NDList();
        NDList biases = new NDList();
        for (int i = 0; i < HEADS.length; i++) {
            Weights h = heads.prefix(i);
            weights.add(h.get("weight", HEADS[i], ResNet.FEATURES, 1, 1).reshape(HEADS[i], ResNet.FEATURES));
            biases.add(h.get("bias", HEADS[i]));
        }
        NDArray weight = NDArrays.concat(weights).transpose(); // (2048, 257)
        NDArray bias = NDArrays.concat(biases);
        return new ReconNet(backbone, weight, bias);
    }

    /** {@code (B, 3, 224, 224) -> (B, 257)}; temporaries go to a sub-manager, the result to {@code x}'s manager. */
    public NDArray forward(NDArray x) {
        NDManager parent = x.getManager();
        try (NDManager m = parent.newSubManager()) {
            NDArray in = x.duplicate();
            in.attach(m);
            NDArray out = backbone.forward(in).matMul(headWeight).add(headBias);
            out.attach(parent);
            return out;
        }
    }
}
