package io.sadtalker.render.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import io.sadtalker.core.config.FacerenderConfig;
import io.sadtalker.core.nn.Conv2d;
import io.sadtalker.core.nn.Conv3d;
import io.sadtalker.core.nn.ConvConfig;
import io.sadtalker.core.weights.Weights;

/**
 * {@code keypoint_detector.KPDetector}: canonical 3-D keypoints (B, K, 3) of an image (B, 3, H, W) in [0, 1]:
 * anti-aliased downscaling, {@link KPHourglass}, a 3x3x3 conv to K heatmaps, softmax(heatmap / temperature) over
 * the volume, expected coordinate ({@code gaussian2kp}). Jacobians are not estimated (SadTalker's config).
 */
public final class KPDetector {
    private final Conv2d down;
    private final KPHourglass predictor;
    private final Conv3d kp;
    private final float temperature;

    private KPDetector(Conv2d down, KPHourglass predictor, Conv3d kp, float temperature) {
        this.down = down;
        this.predictor = predictor;
        this.kp = kp;
        this.temperature = temperature;
    }

    /**
     * Loads the detector from {@code w} (the {@code kp_extractor.} scope of SadTalker_V0.0.2_256/512) as
     * {@code KPDetector(**kp_detector_params, **common_params)} of {@code config}.
     */
    public static KPDetector load(Weights w, FacerenderConfig config) {
        FacerenderConfig.KpDetectorParams p = config.kpDetectorParams();
        int channels = config.commonParams().imageChannel();
        Conv2d down = null;
        if (p.scaleFactor() != 1) {
            // AntiAliasInterpolation2d: depthwise Gaussian (stored buffer 'down.weight'), pad ka/kb, keep every
            // int(1/scale)-th sample, i.e. a strided convolution.
            double sigma = (1 / p.scaleFactor() - 1) / 2;
            int kernel = 2 * (int) Math.rint(sigma * 4) + 1;
            down = Conv2d.load(w.prefix("down"), channels, channels, kernel, ConvConfig.DEFAULT
                    .stride((int) (1 / p.scaleFactor())).padding(kernel / 2).groups(channels).noBias());
        }
        KPHourglass predictor = KPHourglass.load(w.prefix("predictor"), p.blockExpansion(), channels,
                p.reshapeChannel(), p.reshapeDepth(), p.numBlocks(), p.maxFeatures());
        Conv3d kp = Conv3d.load(w.prefix("kp"), Hourglass.features(p.blockExpansion(), 0, p.maxFeatures()),
                config.commonParams().numKp(), 3, ConvConfig.DEFAULT.padding(1));
        return new KPDetector(down, predictor, kp, (float) p.temperature());
    }

    /** Canonical keypoints {@code value} (B, K, 3), (x, y, z) in [-1, 1]; attached to the image's manager. */
    public NDArray forward(NDArray image) {
        NDManager manager = image.getManager();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray x = down == null ? image : down.forward(image);
            NDArray prediction = kp.forward(predictor.forward(x));
            long[] s = prediction.getShape().getShape();
            NDArray heatmap = prediction.reshape(s[0], s[1], -1).div(temperature).softmax(2);
            NDArray grid = CoordinateGrid.make(manager, s[2], s[3], s[4]).reshape(-1, 3);
            NDArray value = heatmap.matMul(grid);
            NDScope.unregister(value);
            value.attach(manager);
            return value;
        }
    }
}
