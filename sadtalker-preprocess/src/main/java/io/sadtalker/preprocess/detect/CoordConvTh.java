package io.sadtalker.preprocess.detect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.sadtalker.core.nn.BatchNorm;
import io.sadtalker.core.nn.Conv2d;
import io.sadtalker.core.nn.ConvConfig;
import io.sadtalker.core.weights.Weights;

/**
 * AWing {@code CoordConvTh} with its {@code AddCoordsTh} (with_r=True): appends coordinate channels
 * {@code xx}, {@code yy}, {@code rr} and, given a heatmap, the boundary-masked {@code xx}, {@code yy}; then a conv.
 * As in the original, {@code xx} varies along the rows (dim 2) and {@code yy} along the columns (dim 3).
 */
final class CoordConvTh {
    private final int dim;
    private final boolean withBoundary;
    private final Conv2d conv;

    /** Result of {@link #forward}: the conv output and {@code last_channel} (the last two channels before it). */
    record Result(NDArray out, NDArray lastChannel) {
    }

    private CoordConvTh(int dim, boolean withBoundary, Conv2d conv) {
        this.dim = dim;
        this.withBoundary = withBoundary;
        this.conv = conv;
    }

    /**
     * {@code CoordConvTh(x_dim=dim, y_dim=dim, with_r=True, with_boundary, in_channels, first_one, out_channels,
     * kernel_size, stride, padding)}: the conv ({@code conv.*}, with bias) sees {@code in_channels} + 3 coordinate
     * channels, + 2 boundary channels unless {@code first_one}.
     */
    static CoordConvTh load(Weights w, int dim, boolean withBoundary, boolean firstOne, int inChannels, int outChannels,
                            int kernel, int stride, int padding) {
        int in = inChannels + 3 + (withBoundary && !firstOne ? 2 : 0);
        return new CoordConvTh(dim, withBoundary, Conv2d.load(w.prefix("conv"), in, outChannels, kernel,
                ConvConfig.DEFAULT.stride(stride).padding(padding)));
    }

    /**
     * As {@link #load} without boundary channels, with the {@code BatchNorm2d(out_channels)} {@code bn} that follows
     * the module folded into its conv.
     */
    static CoordConvTh loadFolded(Weights w, Weights bn, int dim, int inChannels, int outChannels, int kernel,
                                  int stride, int padding) {
        return new CoordConvTh(dim, false, Conv2d.load(w.prefix("conv"), inChannels + 3, outChannels, kernel,
                ConvConfig.DEFAULT.stride(stride).padding(padding))
                .absorb(BatchNorm.load(bn, outChannels, 1e-5)));
    }

    /** {@code heatmap} may be null (first hourglass, FAN's conv1). */
    Result forward(NDArray input, NDArray heatmap) {
        NDArray ret = addCoords(input, heatmap);
        long c = ret.getShape().get(1);
        NDArray lastChannel = ret.get(":, " + (c - 2) + ":, :, :");
        return new Result(conv.forward(ret), lastChannel);
    }

    private NDArray addCoords(NDArray input, NDArray heatmap) {
        NDManager m = input.getManager();
        long batch = input.getShape().get(0);
        NDArray range = m.arange(0, dim, 1, DataType.INT32).toType(DataType.FLOAT32, false);
        // xx_channel / (x_dim - 1) * 2 - 1, in float32 as torch computes it
        NDArray coord = range.div((float) (dim - 1)).mul(2f).sub(1f);
        NDArray xx = coord.reshape(dim, 1).broadcast(new Shape(dim, dim));
        NDArray yy = coord.reshape(1, dim).broadcast(new Shape(dim, dim));
        NDArray rr = xx.mul(xx).add(yy.mul(yy)).sqrt();
        rr = rr.div(rr.max());
        Shape plane = new Shape(batch, 1, dim, dim);
        NDArray xxB = xx.reshape(1, 1, dim, dim).broadcast(plane);
        NDArray yyB = yy.reshape(1, 1, dim, dim).broadcast(plane);
        NDArray rrB = rr.reshape(1, 1, dim, dim).broadcast(plane);
        NDList parts = new NDList(input, xxB, yyB, rrB);
        if (withBoundary && heatmap != null) {
            long hc = heatmap.getShape().get(1);
            NDArray boundary = heatmap.get(":, " + (hc - 1) + ":, :, :").clip(0f, 1f);
            NDArray mask = boundary.gt(0.05f);
            NDArray zeros = xxB.zerosLike();
            parts.add(NDArrays.where(mask, xxB, zeros));
            parts.add(NDArrays.where(mask, yyB, zeros));
        }
        return NDArrays.concat(parts, 1);
    }
}
