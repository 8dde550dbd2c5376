package io.sadtalker.preprocess.detect;

import ai.djl.ndarray.NDArray;
import io.sadtalker.core.nn.BatchNorm;
import io.sadtalker.core.nn.Activations;
import io.sadtalker.core.nn.Conv2d;
import io.sadtalker.core.nn.ConvConfig;
import io.sadtalker.core.weights.Weights;

/**
 * facexlib {@code retinaface_net.conv_bn} / {@code conv_bn_no_relu} / {@code conv_bn1X1}:
 * {@code Sequential(Conv2d(inp, oup, k, stride, bias=False), BatchNorm2d(oup)[, LeakyReLU(leaky)])}, keys
 * {@code 0.*} and {@code 1.*}; the batch norm is folded into the convolution ({@link Conv2d#absorb}).
 */
final class ConvBn {
    private final Conv2d conv;
    private final Float leakySlope;

    private ConvBn(Conv2d conv, Float leakySlope) {
        this.conv = conv;
        this.leakySlope = leakySlope;
    }

    /** {@code conv_bn(inp, oup, stride, leaky)}: 3x3, padding 1, LeakyReLU (slope 0 is a ReLU). */
    static ConvBn convBn(Weights w, int inp, int oup, int stride, float leaky) {
        return new ConvBn(load(w, inp, oup, 3, stride, 1), leaky);
    }

    /** {@code conv_bn_no_relu(inp, oup, stride)}: 3x3, padding 1, no activation. */
    static ConvBn convBnNoRelu(Weights w, int inp, int oup, int stride) {
        return new ConvBn(load(w, inp, oup, 3, stride, 1), null);
    }

    /** {@code conv_bn1X1(inp, oup, stride, leaky)}: 1x1, padding 0, LeakyReLU (slope 0 is a ReLU). */
    static ConvBn convBn1X1(Weights w, int inp, int oup, int stride, float leaky) {
        return new ConvBn(load(w, inp, oup, 1, stride, 0), leaky);
    }

    private static Conv2d load(Weights w, int inp, int oup, int kernel, int stride, int padding) {
        return Conv2d.load(w.prefix(0), inp, oup, kernel, ConvConfig.DEFAULT.stride(stride).padding(padding).noBias())
                .absorb(BatchNorm.load(w.prefix(1), oup, 1e-5));
    }

    NDArray forward(NDArray x) {
        NDArray y = conv.forward(x);
        if (leakySlope == null) {
            return y;
        }
        return leakySlope == 0f ? Activations.relu(y) : Activations.leakyRelu(y, leakySlope);
    }
}
