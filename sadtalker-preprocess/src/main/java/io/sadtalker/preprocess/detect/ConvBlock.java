package io.sadtalker.preprocess.detect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import io.sadtalker.core.nn.Activations;
import io.sadtalker.core.nn.BatchNorm;
import io.sadtalker.core.nn.Conv2d;
import io.sadtalker.core.nn.ConvConfig;
import io.sadtalker.core.weights.Weights;

/**
 * AWing {@code ConvBlock(in_planes, out_planes)}: three pre-activated 3x3 convs (out/2, out/4, out/4 channels)
 * concatenated, plus the residual (through {@code downsample} = BatchNorm, ReLU, 1x1 conv when the channel count
 * changes).
 */
final class ConvBlock {
    private static final double BN_EPS = 1e-5;

    private final BatchNorm bn1;
    private final Conv2d conv1;
    private final BatchNorm bn2;
    private final Conv2d conv2;
    private final BatchNorm bn3;
    private final Conv2d conv3;
    private final BatchNorm downsampleBn;
    private final Conv2d downsampleConv;

    private ConvBlock(BatchNorm bn1, Conv2d conv1, BatchNorm bn2, Conv2d conv2, BatchNorm bn3, Conv2d conv3,
                      BatchNorm downsampleBn, Conv2d downsampleConv) {
        this.bn1 = bn1;
        this.conv1 = conv1;
        this.bn2 = bn2;
        this.conv2 = conv2;
        this.bn3 = bn3;
        this.conv3 = conv3;
        this.downsampleBn = downsampleBn;
        this.downsampleConv = downsampleConv;
    }

    /** {@code ConvBlock(in_planes, out_planes)}; the downsample exists when the two differ. */
    static ConvBlock load(Weights w, int inPlanes, int outPlanes) {
        int half = outPlanes / 2;
        int quarter = outPlanes / 4;
        BatchNorm dsBn = null;
        Conv2d dsConv = null;
        if (inPlanes != outPlanes) {
            dsBn = BatchNorm.load(w.prefix("downsample").prefix(0), inPlanes, BN_EPS);
            dsConv = Conv2d.load(w.prefix("downsample").prefix(2), inPlanes, outPlanes, 1, ConvConfig.DEFAULT.noBias());
        }
        return new ConvBlock(BatchNorm.load(w.prefix("bn1"), inPlanes, BN_EPS),
                conv3x3(w.prefix("conv1"), inPlanes, half), BatchNorm.load(w.prefix("bn2"), half, BN_EPS),
                conv3x3(w.prefix("conv2"), half, quarter), BatchNorm.load(w.prefix("bn3"), quarter, BN_EPS),
                conv3x3(w.prefix("conv3"), quarter, quarter), dsBn, dsConv);
    }

    /** {@code conv3x3(in_planes, out_planes)}: 3x3, stride 1, padding 1, no bias. */
    private static Conv2d conv3x3(Weights w, int inPlanes, int outPlanes) {
        return Conv2d.load(w, inPlanes, outPlanes, 3, ConvConfig.DEFAULT.padding(1).noBias());
    }

    NDArray forward(NDArray x) {
        NDArray out1 = conv1.forward(Activations.relu(bn1.forward(x)));
        NDArray out2 = conv2.forward(Activations.relu(bn2.forward(out1)));
        NDArray out3 = conv3.forward(Activations.relu(bn3.forward(out2)));
        NDArray residual = downsampleConv == null ? x
                : downsampleConv.forward(Activations.relu(downsampleBn.forward(x)));
        return NDArrays.concat(new NDList(out1, out2, out3), 1).add(residual);
    }
}
