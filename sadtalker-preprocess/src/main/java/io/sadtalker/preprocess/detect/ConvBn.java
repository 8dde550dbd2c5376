package io.sadtalker.preprocess.detect;

import ai.djl.ndarray.NDArray;
import io.sadtalker.core.nn.Activations;
import io.sadtalker.core.nn.ConvBatchNorm;
import io.sadtalker.core.weights.Weights;

/**
 * facexlib {@code retinaface_net.conv_bn} / {@code conv_bn_no_relu} / {@code conv_bn1X1}:
 * {@code Sequential(Conv2d(bias=False), BatchNorm2d[, LeakyReLU(slope)])}, keys {@code 0.*} and {@code 1.*};
 * the batch norm is folded into the convolution ({@link ConvBatchNorm}).
 */
final class ConvBn {
    private static final double BN_EPS = 1e-5;

    private final ConvBatchNorm conv;
    private final Float leakySlope;

    private ConvBn(ConvBatchNorm conv, Float leakySlope) {
        this.conv = conv;
        this.leakySlope = leakySlope;
    }

    /** With a LeakyReLU of {@code slope} ({@code conv_bn}, {@code conv_bn1X1}; slope 0 is a ReLU). */
    static ConvBn load(Weights w, int stride, int padding, float slope) {
        return new ConvBn(ConvBatchNorm.load(w.prefix(0), w.prefix(1), stride, padding, BN_EPS), slope);
    }

    /** Without activation ({@code conv_bn_no_relu}). */
    static ConvBn loadNoRelu(Weights w, int stride, int padding) {
        return new ConvBn(ConvBatchNorm.load(w.prefix(0), w.prefix(1), stride, padding, BN_EPS), null);
    }

    NDArray forward(NDArray x) {
        NDArray y = conv.forward(x);
        if (leakySlope == null) {
            return y;
        }
        return leakySlope == 0f ? Activations.relu(y) : Activations.leakyRelu(y, leakySlope);
    }
}
