package io.sadtalker.enhance.parsing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import io.sadtalker.core.nn.Activations;
import io.sadtalker.core.nn.BatchNorm;
import io.sadtalker.core.nn.Conv2d;
import io.sadtalker.core.nn.Interpolate;
import io.sadtalker.core.weights.Weights;

/**
 * facexlib ParseNet {@code ConvLayer}: optional nearest 2x upsampling ('up'), reflection padding of 1, a 3x3
 * {@code conv2d} (stride 2 for 'down'; no bias with batch norm), optional BatchNorm (eps 1e-5) and optional
 * LeakyReLU(0.2).
 */
public final class ConvLayer {
    /** The original's {@code scale} argument. */
    public enum Scale { NONE, DOWN, UP }

    private final Conv2d conv2d;
    private final BatchNorm norm;
    private final boolean leakyRelu;
    private final Scale scale;

    private ConvLayer(Conv2d conv2d, BatchNorm norm, boolean leakyRelu, Scale scale) {
        this.conv2d = conv2d;
        this.norm = norm;
        this.leakyRelu = leakyRelu;
        this.scale = scale;
    }

    /** Loads {@code conv2d} and, when {@code batchNorm}, {@code norm.norm}. */
    public static ConvLayer load(Weights w, Scale scale, boolean batchNorm, boolean leakyRelu) {
        Conv2d conv = Conv2d.load(w.prefix("conv2d"), scale == Scale.DOWN ? 2 : 1, 0);
        BatchNorm norm = batchNorm ? BatchNorm.load(w.prefix("norm").prefix("norm"), 1e-5) : null;
        return new ConvLayer(conv, norm, leakyRelu, scale);
    }

    /** x (b, c, h, w) -> (b, out, h', w'). */
    public NDArray forward(NDArray x) {
        NDArray out = scale == Scale.UP ? Interpolate.nearestScale(x, 2, 2) : x;
        out = conv2d.forward(reflectionPad1(out));
        if (norm != null) {
            out = norm.forward(out);
        }
        return leakyRelu ? Activations.leakyRelu(out, 0.2) : out;
    }

    /** {@code nn.ReflectionPad2d(1)}. */
    static NDArray reflectionPad1(NDArray x) {
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        NDArray rows = NDArrays.concat(new NDList(x.get(new NDIndex(":, :, 1:2")), x,
                x.get(new NDIndex(":, :, {}:{}", h - 2, h - 1))), 2);
        return NDArrays.concat(new NDList(rows.get(new NDIndex(":, :, :, 1:2")), rows,
                rows.get(new NDIndex(":, :, :, {}:{}", w - 2, w - 1))), 3);
    }
}
