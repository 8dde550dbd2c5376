package io.sadtalker.render.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import io.sadtalker.core.weights.Weights;

/**
 * {@code keypoint_detector.KPDetector}: canonical 3-D keypoints (B, K, 3) of an image (B, 3, H, W) in [0, 1]:
 * anti-aliased downscaling, {@link KPHourglass}, a 3x3x3 conv to K heatmaps, softmax(heatmap / temperature) over
 * the volume, expected coordinate ({@code gaussian2kp}). Jacobians are not estimated (SadTalker's config).
 */
public final class KPDetector {
    private final ConvLayer down;
    private final KPHourglass predictor;
    private final ConvLayer kp;
    private final float temperature;

    /** {@code kp_detector_params} (with the common {@code num_kp}, {@code image_channel}) of facerender.yaml. */
    public record Params(int blockExpansion, int numKp, int imageChannel, int maxFeatures, int reshapeChannel,
                         int reshapeDepth, int numBlocks, float temperature, float scaleFactor) {
        /** The values of SadTalker's facerender.yaml. */
        public static Params facerender() {
            return new Params(32, 15, 3, 1024, 16384, 16, 5, 0.1f, 0.25f);
        }
    }

    private KPDetector(ConvLayer down, KPHourglass predictor, ConvLayer kp, float temperature) {
        this.down = down;
        this.predictor = predictor;
        this.kp = kp;
        this.temperature = temperature;
    }

    /** Loads the detector from {@code w} (the {@code kp_extractor.} scope of SadTalker_V0.0.2_256/512). */
    public static KPDetector load(Weights w, Params p) {
        ConvLayer down = null;
        if (p.scaleFactor() != 1f) {
            // AntiAliasInterpolation2d: depthwise Gaussian (stored buffer 'down.weight'), pad ka/kb, keep every
            // int(1/scale)-th sample, i.e. a strided convolution.
            double sigma = (1 / p.scaleFactor() - 1) / 2;
            int kernel = 2 * (int) Math.rint(sigma * 4) + 1;
            NDArray weight = w.prefix("down").get("weight", p.imageChannel(), 1, kernel, kernel);
            down = new ConvLayer(weight, null, (int) (1 / p.scaleFactor()), kernel / 2, 1, p.imageChannel());
        }
        return new KPDetector(down, KPHourglass.load(w.prefix("predictor"), p.numBlocks(), p.reshapeDepth()),
                ConvLayer.load(w.prefix("kp"), 1, 1), p.temperature());
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
