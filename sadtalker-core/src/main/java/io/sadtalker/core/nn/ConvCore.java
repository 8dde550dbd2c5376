package io.sadtalker.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
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

    /**
     * Reads a layer that is {@code in} to {@code out} channels with a {@code kernel} (one value or one per axis)
     * configured by {@code cfg}: {@code weight} must be {@code (out, in/groups, k...)} and, when {@code cfg.bias()},
     * {@code bias} {@code (out)}; a mismatch names the key and both shapes.
     */
    static ConvCore load(Weights w, int dims, long in, long out, long[] kernel, ConvConfig cfg) {
        int groups = cfg.groups();
        if (in < 1 || out < 1 || in % groups != 0 || out % groups != 0) {
            throw new IllegalArgumentException("conv" + dims + "d " + in + " -> " + out
                    + " channels must be positive and divisible by groups=" + groups);
        }
        long[] k = ConvConfig.perAxis("kernel", kernel, dims);
        long[] shape = new long[dims + 2];
        shape[0] = out;
        shape[1] = in / groups;
        System.arraycopy(k, 0, shape, 2, dims);
        NDArray weight = w.get("weight", shape);
        NDArray bias = cfg.bias() ? w.get("bias", out) : null;
        return new ConvCore(dims, weight, bias, ConvConfig.perAxis("stride", cfg.stride(), dims),
                ConvConfig.perAxis("padding", cfg.padding(), dims), ConvConfig.perAxis("dilation", cfg.dilation(), dims),
                groups);
    }

    /**
     * This convolution followed by the inference-mode batch norm {@code bn}, as one convolution:
     * {@code W' = W * g / sqrt(v + eps)}, {@code b' = beta + (b - mean) * g / sqrt(v + eps)} (float64, stored as
     * float32; {@code b} is 0 without a bias). Consumes both: their arrays are closed, only the folded pair is kept.
     */
    ConvCore absorb(BatchNorm bn) {
        long out = weight.getShape().get(0);
        if (bn.channels() != out) {
            throw new IllegalArgumentException("batch norm over " + bn.channels() + " channels cannot follow a conv with "
                    + out + " outputs");
        }
        NDArray folded;
        NDArray shifted;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray std = f64(bn.runningVar).add(bn.eps).sqrt();
            NDArray scale = f64(bn.weight).div(std);
            NDArray centred = bias == null ? f64(bn.runningMean).neg() : f64(bias).sub(f64(bn.runningMean));
            long[] view = new long[dims + 2];
            java.util.Arrays.fill(view, 1);
            view[0] = out;
            folded = f64(weight).mul(scale.reshape(view)).toType(DataType.FLOAT32, false);
            shifted = centred.mul(scale).add(f64(bn.bias)).toType(DataType.FLOAT32, false);
            NDScope.unregister(folded, shifted);
        }
        weight.close();
        if (bias != null) {
            bias.close();
        }
        bn.close();
        return new ConvCore(dims, folded, shifted, stride.getShape(), padding.getShape(), dilation.getShape(), groups);
    }

    /** Whether this is an ungrouped, undilated, stride-1 convolution with {@code padding} on every axis. */
    boolean isPlain(long padding) {
        return stride.equals(Geometry.repeat(1, dims)) && this.padding.equals(Geometry.repeat(padding, dims))
                && dilation.equals(Geometry.repeat(1, dims)) && groups == 1;
    }

    /** Stride 1, {@code padding} on every axis, no dilation, one group, over {@code weight} and {@code bias}. */
    static ConvCore plain(NDArray weight, NDArray bias, long padding) {
        int dims = weight.getShape().dimension() - 2;
        return new ConvCore(dims, weight, bias, fill(dims, 1), fill(dims, padding), fill(dims, 1), 1);
    }

    private static NDArray f64(NDArray a) {
        return a.toType(DataType.FLOAT64, false);
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
