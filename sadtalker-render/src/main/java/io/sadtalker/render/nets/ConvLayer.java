package io.sadtalker.render.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Conv3d;
import io.sadtalker.core.weights.Weights;
import java.util.Arrays;

/**
 * A 1-, 2- or 3-D convolution (PyTorch {@code nn.Conv1d/2d/3d} semantics, rank taken from the weight) whose
 * weights may have been rewritten at load time: BatchNorm folded in ({@link #fold}), spectral norm resolved
 * ({@link #loadSpectral}).
 */
final class ConvLayer implements Convolution {
    private final NDArray weight;
    private final NDArray bias;
    private final int stride;
    private final int padding;
    private final int dilation;
    private final int groups;

    ConvLayer(NDArray weight, NDArray bias, int stride, int padding, int dilation, int groups) {
        this.weight = weight;
        this.bias = bias;
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        this.groups = groups;
    }

    /** {@code weight} and optional {@code bias} of {@code w}. */
    static ConvLayer load(Weights w, int stride, int padding) {
        return new ConvLayer(w.get("weight"), w.getOptional("bias"), stride, padding, 1, 1);
    }

    /**
     * A {@code torch.nn.utils.spectral_norm} convolution in eval mode: {@code W = weight_orig / (u . (W_mat v))}
     * with the stored {@code weight_u}, {@code weight_v} (no power iteration), {@code W_mat = weight_orig.view(out, -1)}.
     */
    static ConvLayer loadSpectral(Weights w, int padding) {
        NDArray orig = w.get("weight_orig");
        long out = orig.getShape().get(0);
        long fanIn = orig.getShape().size() / out;
        NDArray u = w.get("weight_u", out);
        NDArray v = w.get("weight_v", fanIn);
        NDArray sigma = u.dot(orig.reshape(out, fanIn).matMul(v));
        return new ConvLayer(orig.div(sigma), w.getOptional("bias"), 1, padding, 1, 1);
    }

    /** This convolution followed by the per-channel affine map {@code norm}, as one convolution. */
    ConvLayer fold(ChannelAffine norm) {
        NDArray scale = norm.scale().toType(DataType.FLOAT64, false);
        long[] view = new long[weight.getShape().dimension()];
        Arrays.fill(view, 1);
        view[0] = -1;
        NDArray w = weight.toType(DataType.FLOAT64, false).mul(scale.reshape(view)).toType(DataType.FLOAT32, false);
        NDArray b = norm.shift().toType(DataType.FLOAT64, false);
        if (bias != null) {
            b = b.add(bias.toType(DataType.FLOAT64, false).mul(scale));
        }
        return new ConvLayer(w, b.toType(DataType.FLOAT32, false), stride, padding, dilation, groups);
    }

    NDArray weight() {
        return weight;
    }

    NDArray bias() {
        return bias;
    }

    /** Whether this is an ungrouped, undilated, stride-1 convolution with the given padding. */
    boolean isPlain(int padding) {
        return stride == 1 && this.padding == padding && dilation == 1 && groups == 1;
    }

    @Override
    public NDArray forward(NDArray x) {
        int spatial = weight.getShape().dimension() - 2;
        Shape s = repeat(stride, spatial);
        Shape p = repeat(padding, spatial);
        Shape d = repeat(dilation, spatial);
        return switch (spatial) {
            case 1 -> Conv1d.conv1d(x, weight, bias, s, p, d, groups).singletonOrThrow();
            case 2 -> Conv2d.conv2d(x, weight, bias, s, p, d, groups).singletonOrThrow();
            case 3 -> Conv3d.conv3d(x, weight, bias, s, p, d, groups).singletonOrThrow();
            default -> throw new IllegalStateException("unsupported convolution weight " + weight.getShape());
        };
    }

    private static Shape repeat(int value, int n) {
        long[] v = new long[n];
        Arrays.fill(v, value);
        return new Shape(v);
    }
}
