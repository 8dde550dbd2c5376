package io.sadtalker.render.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import io.sadtalker.core.config.FacerenderConfig;
import io.sadtalker.core.nn.Activations;
import io.sadtalker.core.nn.BatchNorm;
import io.sadtalker.core.nn.Conv2d;
import io.sadtalker.core.nn.Conv3d;
import io.sadtalker.core.nn.ConvConfig;
import io.sadtalker.core.nn.Convolution;
import io.sadtalker.core.nn.FftConv3d;
import io.sadtalker.core.nn.GridSample;
import io.sadtalker.core.nn.TapMapConv;
import io.sadtalker.core.nn.Scoped;
import io.sadtalker.core.weights.Weights;

/**
 * {@code dense_motion.DenseMotionNetwork}: from the source feature volume and the source / driving keypoints, the
 * dense deformation (B, d, h, w, 3), the soft motion mask (B, K+1, d, h, w) and the occlusion map (B, 1, h, w).
 * Work that depends only on the source is split into {@link #prepare}.
 */
final class DenseMotionNetwork {
    private static final float KP_VARIANCE = 0.01f;
    /**
     * Output pixels per side of one FFT window of the mask conv: the 256 model's 64x64 feature volume is four 38x38
     * windows (kernel spectra 76 MB; one 70x70 window would be ~25 ms a frame faster but hold 253 MB).
     */
    private static final int MASK_TILE = 32;
    private final Hourglass hourglass;
    private final Convolution mask;
    private final Conv3d compress;
    private final Convolution occlusion;

    /** Source-only terms: compressed feature, identity grid, source gaussians, background deformed feature. */
    record Source(NDArray feature, NDArray identityGrid, NDArray kpSource, NDArray gaussianSource,
                  NDArray deformedBackground) {
        NDList arrays() {
            return new NDList(feature, identityGrid, kpSource, gaussianSource, deformedBackground);
        }
    }

    /** Outputs of the forward pass. */
    record Output(NDArray mask, NDArray deformation, NDArray occlusionMap) {
    }

    private DenseMotionNetwork(Hourglass hourglass, Convolution mask, Conv3d compress, Convolution occlusion) {
        this.hourglass = hourglass;
        this.mask = mask;
        this.compress = compress;
        this.occlusion = occlusion;
    }

    /**
     * {@code DenseMotionNetwork(num_kp, feature_channel, estimate_occlusion_map, **dense_motion_params)} as the
     * generator builds it from {@code config}.
     */
    static DenseMotionNetwork load(Weights w, FacerenderConfig config) {
        FacerenderConfig.DenseMotionParams p = config.generatorParams().denseMotionParams();
        int numKp = config.commonParams().numKp();
        int inFeatures = (numKp + 1) * (p.compress() + 1);
        int hidden = Hourglass.outFilters(p.blockExpansion(), inFeatures);
        ConvConfig same7 = ConvConfig.DEFAULT.padding(3);
        return new DenseMotionNetwork(
                Hourglass.load(w.prefix("hourglass"), p.blockExpansion(), inFeatures, p.numBlocks(), p.maxFeatures()),
                FftConv3d.of(Conv3d.load(w.prefix("mask"), hidden, numKp + 1, 7, same7), MASK_TILE),
                Conv3d.load(w.prefix("compress"), config.commonParams().featureChannel(), p.compress(), 1,
                        ConvConfig.DEFAULT).absorb(BatchNorm.load(w.prefix("norm"), p.compress(), 1e-5)),
                config.generatorParams().estimateOcclusionMap()
                        ? TapMapConv.of(Conv2d.load(w.prefix("occlusion"), hidden * p.reshapeDepth(), 1, 7, same7))
                        : null);
    }

    /** Source-only terms for the feature volume (B, C, d, h, w) and the source keypoints (B, K, 3). */
    Source prepare(NDArray feature3d, NDArray kpSource) {
        NDArray feature = Activations.relu(compress.forward(feature3d));
        long[] s = feature.getShape().getShape();
        NDArray grid = CoordinateGrid.make(feature.getManager(), s[2], s[3], s[4]);
        NDArray identity = grid.reshape(1, s[2], s[3], s[4], 3).broadcast(new Shape(s[0], s[2], s[3], s[4], 3));
        NDArray background = GridSample.sample3d(feature, identity, false).reshape(s[0], 1, s[1], s[2], s[3], s[4]);
        return new Source(feature, grid, kpSource, CoordinateGrid.kp2gaussian(kpSource, grid, KP_VARIANCE), background);
    }

    Output forward(Source src, NDArray kpDriving) {
        long b = kpDriving.getShape().get(0);
        long k = kpDriving.getShape().get(1);
        NDArray grid = src.identityGrid();
        long[] g = grid.getShape().getShape();
        long d = g[0];
        long h = g[1];
        long w = g[2];
        NDArray feature = batch(src.feature(), b);
        long c = feature.getShape().get(1);

        // create_sparse_motions: identity - kp_driving + kp_source per keypoint, identity for the background
        NDArray drivingToSource = kpDriving.reshape(b, k, 1, 1, 1, 3).neg().add(grid)
                .add(src.kpSource().reshape(-1, k, 1, 1, 1, 3));
        NDArray identity = grid.reshape(1, 1, d, h, w, 3).broadcast(new Shape(b, 1, d, h, w, 3));
        NDArray sparseMotions = NDArrays.concat(new NDList(identity, drivingToSource), 1);

        NDArray input = Scoped.run(() -> {
            // create_deformed_feature: the K keypoint grids are stacked along depth and sampled in one call
            NDArray deformed = GridSample.sample3d(feature, drivingToSource.reshape(b, k * d, h, w, 3), false)
                    .reshape(b, c, k, d, h, w).transpose(0, 2, 1, 3, 4, 5);
            deformed = NDArrays.concat(new NDList(batch(src.deformedBackground(), b), deformed), 1);

            // create_heatmap_representations
            NDArray heatmap = CoordinateGrid.kp2gaussian(kpDriving, grid, KP_VARIANCE).sub(src.gaussianSource());
            NDArray background = heatmap.getManager().zeros(new Shape(b, 1, d, h, w));
            heatmap = NDArrays.concat(new NDList(background, heatmap), 1).reshape(b, k + 1, 1, d, h, w);
            return NDArrays.concat(new NDList(heatmap, deformed), 2).reshape(b, (k + 1) * (c + 1), d, h, w);
        });
        NDArray prediction = hourglass.forward(input);
        input.close();

        NDArray maskOut = this.mask.forward(prediction).softmax(1);
        NDArray deformation = Scoped.run(() -> {
            NDArray kept = NDArrays.where(maskOut.lt(1e-3f), maskOut.zerosLike(), maskOut);
            return sparseMotions.mul(kept.reshape(b, k + 1, d, h, w, 1)).sum(new int[] {1});
        });

        NDArray occlusionMap = null;
        if (occlusion != null) {
            long[] p = prediction.getShape().getShape();
            occlusionMap = Activations.sigmoid(occlusion.forward(prediction.reshape(b, p[1] * p[2], p[3], p[4])));
        }
        return new Output(maskOut, deformation, occlusionMap);
    }

    /** {@code x} with batch size {@code b} (a batch-1 source serves any batch). */
    static NDArray batch(NDArray x, long b) {
        long have = x.getShape().get(0);
        if (have == b) {
            return x;
        }
        if (have != 1) {
            throw new IllegalArgumentException("source batch " + have + " does not match driving batch " + b);
        }
        return x.repeat(0, b);
    }
}
