package io.sadtalker.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * {@code F.grid_sample} with {@code mode='bilinear'} (trilinear for 5-D) and {@code padding_mode='zeros'}.
 * Grid coordinates are normalised to [-1, 1] (x indexes width, y height, z depth) and unnormalised as
 * PyTorch does: {@code align_corners ? (g+1)/2*(size-1) : ((g+1)*size-1)/2}; a corner outside the input
 * contributes 0, as do NaN coordinates. Vectorised: per axis a base corner (clamped so that it and the next
 * one are inside) and the two weights; one flat base index per point, gathered from the channel-major input
 * shifted by each corner's offset, weighted and accumulated in PyTorch's corner order. The result belongs to
 * the grid's manager: the input is often a long-lived cached volume sampled with a new grid per frame.
 */
public final class GridSample {
    private GridSample() {
    }

    /** Samples {@code input} (N, C, H, W) at {@code grid} (N, Ho, Wo, 2); returns (N, C, Ho, Wo). */
    public static NDArray sample2d(NDArray input, NDArray grid, boolean alignCorners) {
        Geometry.requireRank("grid_sample 2-D input", input, 4);
        return sample(input, grid, 2, alignCorners);
    }

    /** Samples {@code input} (N, C, D, H, W) at {@code grid} (N, Do, Ho, Wo, 3); returns (N, C, Do, Ho, Wo). */
    public static NDArray sample3d(NDArray input, NDArray grid, boolean alignCorners) {
        Geometry.requireRank("grid_sample 3-D input", input, 5);
        return sample(input, grid, 3, alignCorners);
    }

    private static NDArray sample(NDArray input, NDArray grid, int dims, boolean alignCorners) {
        checkGrid(input, grid, dims);
        long[] s = input.getShape().getShape();
        long[] g = grid.getShape().getShape();
        long n = s[0];
        long c = s[1];
        long points = grid.getShape().size() / (n * dims);
        long volume = input.getShape().size() / (n * c);
        // PyTorch's 2-D CPU kernel is a vectorised one with slightly different formulas than the 3-D one
        boolean vectorisedKernel = dims == 2;
        // the flat base index is combined in floating point (exact below 2^24, resp. 2^53) and cast once
        DataType indexType = volume <= (1L << 24) ? DataType.FLOAT32 : DataType.FLOAT64;
        return Scoped.run(() -> {
            NDArray coords = grid.reshape(n, points, dims);
            NDArray base = null;
            NDArray weight = null;
            long[] next = new long[dims];
            long stride = 1;
            // innermost spatial axis (x: width) first, as PyTorch multiplies the weights (wx * wy) * wz
            for (int a = dims - 1; a >= 0; a--) {
                long size = s[a + 2];
                Corners k = Corners.of(coords.get(":, :, " + (dims - 1 - a)), size, alignCorners, vectorisedKernel);
                NDArray offset = k.base.toType(indexType, false);
                offset = stride > 1 ? offset.mul(stride) : offset;
                base = base == null ? offset : base.add(offset);
                // axis a's corner pair on its own broadcast axis: (N, 1.., 2, ..1, P), corner order z, y, x
                long[] shape = new long[dims + 2];
                java.util.Arrays.fill(shape, 1);
                shape[0] = n;
                shape[a + 1] = 2;
                shape[dims + 1] = points;
                NDArray w = k.weight.reshape(shape);
                weight = weight == null ? w : weight.mul(w);
                next[a] = size > 1 ? stride : 0;
                stride *= size;
            }
            NDArray index = base.toType(DataType.INT64, false).reshape(n, 1, points).broadcast(new Shape(n, c, points));
            NDArray out = accumulateCorners(input.reshape(n, c, volume), index, weight.reshape(n, 1 << dims, points),
                    next);
            long[] outShape = new long[dims + 2];
            outShape[0] = n;
            outShape[1] = c;
            System.arraycopy(g, 1, outShape, 2, dims);
            NDArray result = out.reshape(outShape);
            result.attach(grid.getManager());
            return result;
        });
    }

    /**
     * {@code sum_k flat[n, c, index[n, c, p] + shift_k] * weights[n, k, p]} over the corners k in order; the
     * corner shift is the sum of {@code next[a]} over the axes a where corner k takes the second position.
     */
    private static NDArray accumulateCorners(NDArray flat, NDArray index, NDArray weights, long[] next) {
        int dims = next.length;
        long n = flat.getShape().get(0);
        long volume = flat.getShape().get(2);
        long points = index.getShape().get(2);
        long reach = java.util.Arrays.stream(next).sum();
        NDArray out = null;
        for (int corner = 0; corner < 1 << dims; corner++) {
            long shift = 0;
            for (int a = 0; a < dims; a++) {
                shift += ((corner >> (dims - 1 - a)) & 1) * next[a];
            }
            // the corner's values: the base index gathered from the input shifted by the corner's offset (a view)
            NDArray shifted = flat.get(new NDIndex().addAllDim().addAllDim()
                    .addSliceDim(shift, shift + volume - reach));
            NDArray w = weights.get(new NDIndex().addAllDim().addIndices(corner)).reshape(n, 1, points);
            NDArray term = shifted.gather(index, 2).muli(w);
            out = out == null ? term : out.addi(term);
        }
        return out;
    }

    private static void checkGrid(NDArray input, NDArray grid, int dims) {
        Shape g = grid.getShape();
        if (g.dimension() != dims + 2 || g.get(dims + 1) != dims || g.get(0) != input.getShape().get(0)) {
            throw new IllegalArgumentException("grid_sample: grid must be (N, spatial..., " + dims + ") with N = "
                    + input.getShape().get(0) + ", got " + g + " for input " + input.getShape());
        }
        if (grid.getDataType() != DataType.FLOAT32 || input.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("grid_sample expects float32 input and grid, got "
                    + input.getDataType() + " and " + grid.getDataType());
        }
    }

    /**
     * Along one axis: every point's base corner {@code b} (N, P), clamped so that {@code b} and {@code b+1}
     * both lie inside the axis, and the weights (N, 2, P) of positions {@code b} and {@code b+1}: PyTorch's
     * weights of the corners floor(pos) and floor(pos)+1 moved onto them, zero for corners outside.
     */
    private record Corners(NDArray base, NDArray weight) {
        static Corners of(NDArray coord, long size, boolean alignCorners, boolean vectorisedKernel) {
            NDArray pos;
            if (vectorisedKernel) {
                pos = alignCorners ? coord.add(1).mul((size - 1) / 2f) : coord.add(1).mul(size / 2f).sub(0.5f);
            } else {
                pos = alignCorners ? coord.add(1).div(2).mul(size - 1) : coord.add(1).mul(size).sub(1).div(2);
            }
            // beyond [-2, size+1] both corners are outside anyway; NaN counts as outside too
            pos = pos.clip(-2, size + 1);
            pos = NDArrays.where(pos.isNaN(), pos.zerosLike().sub(2), pos);
            NDArray lo = pos.floor();
            NDArray wHi = pos.sub(lo);
            NDArray wLo = vectorisedKernel ? wHi.neg().add(1) : lo.add(1).sub(pos);
            NDArray base = lo.clip(0, Math.max(size - 2, 0));
            NDArray moved = base.sub(lo);
            NDArray zero = wLo.zerosLike();
            NDArray atBase = NDArrays.where(moved.eq(0), wLo, NDArrays.where(moved.eq(1), wHi, zero));
            NDArray atNext = size > 1
                    ? NDArrays.where(moved.eq(0), wHi, NDArrays.where(moved.eq(-1), wLo, zero))
                    : zero;
            return new Corners(base, NDArrays.stack(new NDList(atBase, atNext), 1));
        }
    }
}
