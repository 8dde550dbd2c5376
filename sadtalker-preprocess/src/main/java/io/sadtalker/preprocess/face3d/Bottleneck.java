package io.sadtalker.preprocess.face3d;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.sadtalker.core.nn.ConvBatchNorm;
import io.sadtalker.core.weights.Weights;

/**
 * torchvision's ResNet V1.5 {@code Bottleneck} ({@code src/face3d/models/networks.py}): 1x1, 3x3 (carrying the
 * stride), 1x1 with expansion 4, each with batch norm (folded, see {@link ConvBatchNorm}); optional {@code downsample}
 * (1x1 conv + batch norm) on the identity path. Immutable; safe for concurrent use.
 */
final class Bottleneck {
    static final int EXPANSION = 4;

    private final ConvBatchNorm conv1;
    private final ConvBatchNorm conv2;
    private final ConvBatchNorm conv3;
    private final ConvBatchNorm downsample;

    private Bottleneck(ConvBatchNorm conv1, ConvBatchNorm conv2, ConvBatchNorm conv3, ConvBatchNorm downsample) {
        this.conv1 = conv1;
        this.conv2 = conv2;
        this.conv3 = conv3;
        this.downsample = downsample;
    }

    /** {@code Bottleneck(inplanes, planes, stride, downsample)}; the downsample is read when the checkpoint has it. */
    static Bottleneck load(Weights w, int inplanes, int planes, int stride) {
        int out = planes * EXPANSION;
        ConvBatchNorm conv1 = load(w.prefix("conv1"), w.prefix("bn1"), inplanes, planes, 1, 1, 0);
        ConvBatchNorm conv2 = load(w.prefix("conv2"), w.prefix("bn2"), planes, planes, 3, stride, 1);
        ConvBatchNorm conv3 = load(w.prefix("conv3"), w.prefix("bn3"), planes, out, 1, 1, 0);
        ConvBatchNorm downsample = null;
        if (stride != 1 || inplanes != out) {
            Weights d = w.prefix("downsample");
            downsample = load(d.prefix(0), d.prefix(1), inplanes, out, 1, stride, 0);
        }
        return new Bottleneck(conv1, conv2, conv3, downsample);
    }

    /** A bias-free {@code in -> out} conv of {@code kernel x kernel} and its batch norm (eps 1e-5), folded. */
    static ConvBatchNorm load(Weights conv, Weights bn, int in, int out, int kernel, int stride, int padding) {
        return ConvBatchNorm.load(conv, bn, stride, padding, 1e-5, new long[] {out, in, kernel, kernel});
    }

    NDArray forward(NDArray x) {
        NDArray out = Activation.relu(conv1.forward(x));
        out = Activation.relu(conv2.forward(out));
        out = conv3.forward(out);
        NDArray identity = downsample == null ? x : downsample.forward(x);
        return Activation.relu(out.add(identity));
    }
}
