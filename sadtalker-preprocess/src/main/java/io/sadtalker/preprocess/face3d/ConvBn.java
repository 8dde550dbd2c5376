package io.sadtalker.preprocess.face3d;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import io.sadtalker.core.weights.Weights;

/**
 * A bias-free {@code nn.Conv2d} followed by an inference-mode {@code nn.BatchNorm2d} (eps 1e-5), folded at load time
 * into one convolution: {@code W' = W * g / sqrt(v + eps)}, {@code b' = beta - mean * g / sqrt(v + eps)} (computed in
 * float64, stored as float32). Immutable; safe for concurrent use.
 */
final class ConvBn {
    private static final double EPS = 1e-5;

    private final NDArray weight;
    private final NDArray bias;
    private final Shape stride;
    private final Shape padding;

    private ConvBn(NDArray weight, NDArray bias, int stride, int padding) {
        this.weight = weight;
        this.bias = bias;
        this.stride = new Shape(stride, stride);
        this.padding = new Shape(padding, padding);
    }

    /** Loads {@code conv.weight} ({@code out x in x k x k}) and the batch norm {@code bn} and folds them. */
    static ConvBn load(Weights conv, Weights bn, int in, int out, int kernel, int stride, int padding) {
        NDArray w = conv.get("weight", out, in, kernel, kernel).toType(DataType.FLOAT64, false);
        NDArray gamma = bn.get("weight", out).toType(DataType.FLOAT64, false);
        NDArray beta = bn.get("bias", out).toType(DataType.FLOAT64, false);
        NDArray mean = bn.get("running_mean", out).toType(DataType.FLOAT64, false);
        NDArray var = bn.get("running_var", out).toType(DataType.FLOAT64, false);
        if (bn.contains("num_batches_tracked")) {
            bn.skip("num_batches_tracked");
        }
        NDArray scale = gamma.div(var.add(EPS).sqrt());
        NDArray folded = w.mul(scale.reshape(out, 1, 1, 1)).toType(DataType.FLOAT32, false);
        NDArray bias = beta.sub(mean.mul(scale)).toType(DataType.FLOAT32, false);
        return new ConvBn(folded, bias, stride, padding);
    }

    /** {@code bn(conv(x))}. */
    NDArray forward(NDArray x) {
        return Conv2d.conv2d(x, weight, bias, stride, padding, new Shape(1, 1)).singletonOrThrow();
    }
}
