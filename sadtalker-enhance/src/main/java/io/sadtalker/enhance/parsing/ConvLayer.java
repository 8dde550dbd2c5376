package io.sadtalker.enhance.parsing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.sadtalker.core.nn.Activations;
import io.sadtalker.core.nn.Conv2d;
import io.sadtalker.core.nn.ConvBatchNorm;
import io.sadtalker.core.nn.Interpolate;
import io.sadtalker.core.weights.Weights;
import java.util.function.Function;

/**
 * facexlib ParseNet {@code ConvLayer}: optional nearest 2x upsampling ('up'), reflection padding of 1, a 3x3
 * {@code conv2d} (stride 2 for 'down'; no bias with batch norm), optional BatchNorm (eps 1e-5, folded into the conv
 * at load) and optional LeakyReLU(0.2).
 */
public final class ConvLayer {
    /** The original's {@code scale} argument. */
    public enum Scale { NONE, DOWN, UP }

    private final Function<NDArray, NDArray> conv;
    private final boolean leakyRelu;
    private final Scale scale;

    private ConvLayer(Function<NDArray, NDArray> conv, boolean leakyRelu, Scale scale) {
        this.conv = conv;
        this.leakyRelu = leakyRelu;
        this.scale = scale;
    }

    /** Loads {@code conv2d} and, when {@code batchNorm}, {@code norm.norm}. */
    public static ConvLayer load(Weights w, Scale scale, boolean batchNorm, boolean leakyRelu) {
        int stride = scale == Scale.DOWN ? 2 : 1;
        Function<NDArray, NDArray> conv = batchNorm
                ? ConvBatchNorm.load(w.prefix("conv2d"), w.prefix("norm").prefix("norm"), stride, 0, 1e-5)::forward
                : Conv2d.load(w.prefix("conv2d"), stride, 0)::forward;
        return new ConvLayer(conv, leakyRelu, scale);
    }

    /** x (b, c, h, w) -> (b, out, h', w'). */
    public NDArray forward(NDArray x) {
        NDArray out = scale == Scale.UP ? Interpolate.nearestScale(x, 2, 2) : x;
        out = conv.apply(reflectionPad1(out));
        return leakyRelu ? Activations.leakyRelu(out, 0.2) : out;
    }

    /**
     * {@code nn.ReflectionPad2d(1)}: one zero-padded copy whose border rows, then border columns, are overwritten in
     * place with their mirror images (row 1 and row h-2, then padded columns 2 and w-1).
     */
    static NDArray reflectionPad1(NDArray x) {
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        NDArray padded = x.pad(new Shape(1, 1, 1, 1), 0);
        padded.set(new NDIndex(":, :, 0, 1:{}", w + 1), x.get(new NDIndex(":, :, 1")));
        padded.set(new NDIndex(":, :, {}, 1:{}", h + 1, w + 1), x.get(new NDIndex(":, :, {}", h - 2)));
        padded.set(new NDIndex(":, :, :, 0"), padded.get(new NDIndex(":, :, :, 2")));
        padded.set(new NDIndex(":, :, :, {}", w + 1), padded.get(new NDIndex(":, :, :, {}", w - 1)));
        return padded;
    }
}
