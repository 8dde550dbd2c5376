package io.sadtalker.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * {@code F.grid_sample} with {@code mode='bilinear'} (trilinear for 5-D) and {@code padding_mode='zeros'}.
 * Grid coordinates are normalised to [-1, 1] (x indexes width, y height, z depth) and unnormalised as
 * PyTorch does: {@code align_corners ? (g+1)/2*(size-1) : ((g+1)*size-1)/2}; a corner outside the input
 * contributes 0 (NaN coordinates give NaN). Vectorised: per axis the two corner indices and weights are built
 * once, combined into all corners by broadcasting, gathered from the channel-major input in one call and
 * summed over the corners in PyTorch's order.
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
        return Scoped.run(() -> {
            NDArray coords = grid.reshape(n, points, dims);
            NDArray index = null;
            NDArray weight = null;
            long stride = 1;
            // innermost spatial axis (x: width) first, as PyTorch multiplies the weights (wx * wy) * wz
            for (int a = dims - 1; a >= 0; a--) {
                long size = s[a + 2];
                Corners k = Corners.of(coords.get(":, :, " + (dims - 1 - a)), size, alignCorners, vectorisedKernel);
                // axis a's pair of corners on its own broadcast axis: (N, 1.., 2, ..1, P), corner order z, y, x
                long[] shape = new long[dims + 2];
                java.util.Arrays.fill(shape, 1);
                shape[0] = n;
                shape[a + 1] = 2;
                shape[dims + 1] = points;
                NDArray idx = k.index.reshape(shape).mul(stride);
                NDArray w = k.weight.reshape(shape);
                index = index == null ? idx : index.add(idx);
                weight = weight == null ? w : weight.mul(w);
                stride *= size;
            }
            int corners = 1 << dims;
            NDArray gatherIndex = index.reshape(n, 1, corners * points).broadcast(new Shape(n, c, corners * points));
            NDArray gathered = input.reshape(n, c, volume).gather(gatherIndex, 2).reshape(n, c, corners, points);
            // in-place weighting of the freshly gathered block saves a second block of that size
            NDArray out = gathered.muli(weight.reshape(n, 1, corners, points)).sum(new int[] {2});
            long[] outShape = new long[dims + 2];
            outShape[0] = n;
            outShape[1] = c;
            System.arraycopy(g, 1, outShape, 2, dims);
            return out.reshape(outShape);
        });
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
     * The two corners (floor and floor+1) of every point along one axis, as (N, 2, P): int64 indices clamped
     * into the axis and weights that are zero where the corner lies outside.
     */
    private record Corners(NDArray index, NDArray weight) {
        static Corners of(NDArray coord, long size, boolean alignCorners, boolean vectorisedKernel) {
            NDArray pos;
            if (vectorisedKernel) {
                pos = alignCorners ? coord.add(1).mul((size - 1) / 2f) : coord.add(1).mul(size / 2f).sub(0.5f);
            } else {
                pos = alignCorners ? coord.add(1).div(2).mul(size - 1) : coord.add(1).mul(size).sub(1).div(2);
            }
            // beyond [-2, size+1] both corners are outside anyway; the clip keeps the int64 cast defined
            pos = pos.clip(-2, size + 1);
            NDArray lo = pos.floor();
            NDArray wHi = pos.sub(lo);
            NDArray wLo = vectorisedKernel ? wHi.neg().add(1) : lo.add(1).sub(pos);
            NDArray corner = NDArrays.stack(new NDList(lo, lo.add(1)), 1);
            NDArray clamped = corner.clip(0, size - 1);
            NDArray inside = clamped.eq(corner).toType(DataType.FLOAT32, false);
            NDArray weight = NDArrays.stack(new NDList(wLo, wHi), 1).mul(inside);
            return new Corners(clamped.toType(DataType.INT64, false), weight);
        }
    }
}
