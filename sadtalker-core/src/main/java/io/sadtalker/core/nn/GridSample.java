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
 * contributes 0. Vectorised: all corner indices of all output points are gathered in one call per sample,
 * channel-major, then weighted and summed over the corners in PyTorch's corner order.
 */
public final class GridSample {
    private GridSample() {
    }

    /** Samples {@code input} (N, C, H, W) at {@code grid} (N, Ho, Wo, 2); returns (N, C, Ho, Wo). */
    public static NDArray sample2d(NDArray input, NDArray grid, boolean alignCorners) {
        Geometry.requireRank("grid_sample 2-D input", input, 4);
        checkGrid(input, grid, 2);
        long[] s = input.getShape().getShape();
        long[] g = grid.getShape().getShape();
        return Scoped.run(() -> {
            NDArray coords = grid.reshape(g[0], g[1] * g[2], 2);
            // PyTorch's 2-D CPU kernel is the vectorised one: (g+1)*scale[-0.5], weights x-floor(x) and 1 minus that
            Axis ax = Axis.of(coords.get(":, :, 0"), s[3], alignCorners, true);
            Axis ay = Axis.of(coords.get(":, :, 1"), s[2], alignCorners, true);
            NDArray[] idx = new NDArray[4];
            NDArray[] wts = new NDArray[4];
            int k = 0;
            for (int yi = 0; yi < 2; yi++) {
                NDArray row = ay.index[yi].mul(s[3]);
                for (int xi = 0; xi < 2; xi++) {
                    idx[k] = row.add(ax.index[xi]);
                    wts[k] = ay.weight[yi].mul(ax.weight[xi]);
                    k++;
                }
            }
            return gatherWeighted(input.reshape(s[0], s[1], s[2] * s[3]), idx, wts)
                    .reshape(s[0], s[1], g[1], g[2]);
        });
    }

    /** Samples {@code input} (N, C, D, H, W) at {@code grid} (N, Do, Ho, Wo, 3); returns (N, C, Do, Ho, Wo). */
    public static NDArray sample3d(NDArray input, NDArray grid, boolean alignCorners) {
        Geometry.requireRank("grid_sample 3-D input", input, 5);
        checkGrid(input, grid, 3);
        long[] s = input.getShape().getShape();
        long[] g = grid.getShape().getShape();
        return Scoped.run(() -> {
            NDArray coords = grid.reshape(g[0], g[1] * g[2] * g[3], 3);
            Axis ax = Axis.of(coords.get(":, :, 0"), s[4], alignCorners, false);
            Axis ay = Axis.of(coords.get(":, :, 1"), s[3], alignCorners, false);
            Axis az = Axis.of(coords.get(":, :, 2"), s[2], alignCorners, false);
            NDArray[] idx = new NDArray[8];
            NDArray[] wts = new NDArray[8];
            int k = 0;
            // PyTorch's order: tnw, tne, tsw, tse, bnw, bne, bsw, bse (z outer, then y, then x)
            for (int zi = 0; zi < 2; zi++) {
                NDArray plane = az.index[zi].mul(s[3] * s[4]);
                for (int yi = 0; yi < 2; yi++) {
                    NDArray row = plane.add(ay.index[yi].mul(s[4]));
                    for (int xi = 0; xi < 2; xi++) {
                        idx[k] = row.add(ax.index[xi]);
                        wts[k] = ax.weight[xi].mul(ay.weight[yi]).mul(az.weight[zi]);
                        k++;
                    }
                }
            }
            return gatherWeighted(input.reshape(s[0], s[1], s[2] * s[3] * s[4]), idx, wts)
                    .reshape(s[0], s[1], g[1], g[2], g[3]);
        });
    }

    /**
     * {@code sum_k flat[n, c, idx[k][n, p]] * wts[k][n, p]} for flat (N, C, S) and K index/weight arrays (N, P).
     */
    private static NDArray gatherWeighted(NDArray flat, NDArray[] idx, NDArray[] wts) {
        long n = flat.getShape().get(0);
        long c = flat.getShape().get(1);
        long p = idx[0].getShape().get(1);
        int k = idx.length;
        NDArray index = NDArrays.stack(new NDList(idx), 1).reshape(n, 1, k * p).broadcast(new Shape(n, c, k * p));
        NDArray weight = NDArrays.stack(new NDList(wts), 1).reshape(n, 1, k, p);
        // in-place weighting of the freshly gathered (N, C, K, P) block saves a second block of that size
        return flat.gather(index, 2).reshape(n, c, k, p).muli(weight).sum(new int[] {2});
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

    /** Per-axis corner indices (clamped into range, int64) and weights (zero where the corner is outside). */
    private record Axis(NDArray[] index, NDArray[] weight) {
        static Axis of(NDArray coord, long size, boolean alignCorners, boolean vectorisedKernel) {
            NDArray pos;
            if (vectorisedKernel) {
                pos = alignCorners ? coord.add(1).mul((size - 1) / 2f) : coord.add(1).mul(size / 2f).sub(0.5f);
            } else {
                pos = alignCorners ? coord.add(1).div(2).mul(size - 1) : coord.add(1).mul(size).sub(1).div(2);
            }
            NDArray lo = pos.floor();
            NDArray hi = lo.add(1);
            NDArray wHi = pos.sub(lo);
            NDArray wLo = vectorisedKernel ? wHi.neg().add(1) : hi.sub(pos);
            return new Axis(new NDArray[] {cornerIndex(lo, size), cornerIndex(hi, size)},
                    new NDArray[] {masked(wLo, lo, size), masked(wHi, hi, size)});
        }

        /** The corner position as an int64 index clamped to [0, size-1] (NaN and infinities end up in range). */
        private static NDArray cornerIndex(NDArray corner, long size) {
            return corner.clip(-1, size).toType(DataType.INT64, false).clip(0, size - 1);
        }

        /** {@code weight} where {@code 0 <= corner < size}, else 0 (also for NaN positions). */
        private static NDArray masked(NDArray weight, NDArray corner, long size) {
            NDArray inside = corner.gte(0).logicalAnd(corner.lt(size));
            return NDArrays.where(inside, weight, weight.zerosLike());
        }
    }
}
