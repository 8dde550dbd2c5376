package io.sadtalker.render.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;

/**
 * {@code make_animation.make_animation}: canonical keypoints of the source, source keypoints from the source
 * semantics, then per frame driving keypoints from the target semantics and one generator call. The source-only
 * work ({@link #prepare}) is done once and reused for every frame. Thread-safe: the networks are immutable.
 */
public final class MakeAnimation {
    private final KPDetector kpDetector;
    private final MappingNet mapping;
    private final OcclusionAwareSPADEGenerator generator;

    public MakeAnimation(KPDetector kpDetector, MappingNet mapping, OcclusionAwareSPADEGenerator generator) {
        this.kpDetector = kpDetector;
        this.mapping = mapping;
        this.generator = generator;
    }

    /** Source-only state of one request: canonical keypoints and the generator's source cache. */
    public static final class Source implements AutoCloseable {
        private final NDManager manager;
        private final NDArray kpCanonical;
        private final OcclusionAwareSPADEGenerator.SourceCache cache;

        private Source(NDManager manager, NDArray kpCanonical, OcclusionAwareSPADEGenerator.SourceCache cache) {
            this.manager = manager;
            this.kpCanonical = kpCanonical;
            this.cache = cache;
        }

        /** {@code kp_canonical['value']} (B, K, 3). */
        public NDArray kpCanonical() {
            return kpCanonical;
        }

        /** The generator's source cache (holds {@code kp_source}). */
        public OcclusionAwareSPADEGenerator.SourceCache cache() {
            return cache;
        }

        @Override
        public void close() {
            cache.close();
            manager.close();
        }
    }

    /**
     * Source state for {@code sourceImage} (B, 3, H, W) in [0, 1] and {@code sourceSemantics} (B, coeff_nc, 27).
     * With B = 1 the state serves frames of any batch size.
     */
    public Source prepare(NDArray sourceImage, NDArray sourceSemantics) {
        NDManager manager = sourceImage.getManager().newSubManager();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray kpCanonical = kpDetector.forward(sourceImage);
            NDArray kpSource = KeypointTransformation.keypointTransformation(kpCanonical, mapping.forward(sourceSemantics));
            OcclusionAwareSPADEGenerator.SourceCache cache = generator.prepare(sourceImage, kpSource);
            NDScope.unregister(kpCanonical);
            kpCanonical.attach(manager);
            return new Source(manager, kpCanonical, cache);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * One generator call: the prediction (B, 3, H, W) for {@code targetSemantics} (B, coeff_nc, 27) of one frame;
     * {@code yawIn}, {@code pitchIn}, {@code rollIn} (B,) degrees or null. Attached to the target's manager.
     */
    public NDArray frame(Source source, NDArray targetSemantics, NDArray yawIn, NDArray pitchIn, NDArray rollIn) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            Mapping heDriving = mapping.forward(targetSemantics);
            NDArray kpDriving = KeypointTransformation.keypointTransformation(source.kpCanonical, heDriving, yawIn, pitchIn,
                    rollIn);
            NDArray prediction = generator.render(source.cache, kpDriving);
            NDScope.unregister(prediction);
            prediction.attach(targetSemantics.getManager());
            return prediction;
        }
    }

    /**
     * {@code make_animation(source_image, source_semantics, target_semantics, ...)}: predictions (B, F, 3, H, W) for
     * {@code targetSemantics} (B, F, coeff_nc, 27); the angle sequences (B, F) in degrees may be null.
     */
    public NDArray makeAnimation(NDArray sourceImage, NDArray sourceSemantics, NDArray targetSemantics, NDArray yawSeq,
                                 NDArray pitchSeq, NDArray rollSeq) {
        long frames = targetSemantics.getShape().get(1);
        try (Source source = prepare(sourceImage, sourceSemantics); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDList predictions = new NDList();
            for (long f = 0; f < frames; f++) {
                NDIndex at = new NDIndex(":, {}", f);
                predictions.add(frame(source, targetSemantics.get(at), column(yawSeq, at), column(pitchSeq, at),
                        column(rollSeq, at)));
            }
            NDArray result = NDArrays.stack(predictions, 1);
            NDScope.unregister(result);
            result.attach(targetSemantics.getManager());
            return result;
        }
    }

    private static NDArray column(NDArray seq, NDIndex at) {
        return seq == null ? null : seq.get(at);
    }
}
