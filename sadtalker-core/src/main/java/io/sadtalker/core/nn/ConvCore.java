package io.sadtalker.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.sadtalker.core.CheckpointException;
import io.sadtalker.core.weights.Weights;

/**
 * Weight, optional bias and geometry of an N-d convolution (PyTorch layout: weight
 * {@code (out, in/groups, k...)}), with the forward pass for 1, 2 or 3 spatial dimensions.
 */
final class ConvCore {
    final NDArray weight;
    final NDArray bias;
    final Shape stride;
    final Shape padding;
    final Shape dilation;
    final int groups;
    private final int dims;

    ConvCore(int dims, NDArray weight, NDArray bias, long[] stride, long[] padding, long[] dilation, int groups) {
        if (groups < 1) {
            throw new IllegalArgumentException("groups must be >= 1, got " + groups);
        }
        if (weight.getShape().dimension() != dims + 2) {
            throw new IllegalArgumentException("conv" + dims + "d weight must have rank " + (dims + 2) + ", got "
                    + weight.getShape());
        }
        long out = weight.getShape().get(0);
        if (out % groups != 0) {
            throw new IllegalArgumentException("out channels " + out + " not divisible by groups " + groups);
        }
        if (bias != null && !bias.getShape().equals(new Shape(out))) {
            throw new IllegalArgumentException("bias shape " + bias.getShape() + " does not match " + out
                    + " out channels");
        }
        this.dims = dims;
        this.weight = weight;
        this.bias = bias;
        this.stride = Geometry.tuple("stride", stride, dims, 1);
        this.padding = Geometry.tuple("padding", padding, dims, 0);
        this.dilation = Geometry.tuple("dilation", dilation, dims, 1);
        this.groups = groups;
    }

    /** Reads {@code weight} (rank dims+2) and, when present, {@code bias} (out) from {@code w}. */
    static ConvCore load(Weights w, int dims, long[] stride, long[] padding, long[] dilation, int groups) {
        NDArray weight = w.get("weight");
        long[] shape = weight.getShape().getShape();
        if (shape.length != dims + 2 || shape[0] % groups != 0) {
            throw new CheckpointException("'" + w.path() + "weight' has shape " + weight.getShape()
                    + ", expected a conv" + dims + "d weight (out, in/groups, k...) with out divisible by groups="
                    + groups);
        }
        NDArray bias = w.contains("bias") ? w.get("bias", shape[0]) : null;
        return new ConvCore(dims, weight, bias, stride, padding, dilation, groups);
    }

    NDArray forward(NDArray x) {
        Geometry.requireRank("conv" + dims + "d", x, dims + 2);
        long in = weight.getShape().get(1) * groups;
        if (x.getShape().get(1) != in) {
            throw new IllegalArgumentException("conv" + dims + "d expects " + in + " input channels, got shape "
                    + x.getShape());
        }
        return switch (dims) {
            case 1 -> ai.djl.nn.convolutional.Conv1d.conv1d(x, weight, bias, stride, padding, dilation, groups)
                    .singletonOrThrow();
            case 2 -> ai.djl.nn.convolutional.Conv2d.conv2d(x, weight, bias, stride, padding, dilation, groups)
                    .singletonOrThrow();
            default -> ai.djl.nn.convolutional.Conv3d.conv3d(x, weight, bias, stride, padding, dilation, groups)
                    .singletonOrThrow();
        };
    }

    static long[] fill(int dims, long v) {
        return Geometry.repeat(v, dims).getShape();
    }
}
