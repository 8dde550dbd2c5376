package io.sadtalker.render.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import io.sadtalker.core.config.FacerenderConfig;
import io.sadtalker.core.nn.Conv2d;
import io.sadtalker.core.nn.ConvConfig;
import io.sadtalker.core.nn.GridSample;
import io.sadtalker.core.weights.Weights;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code generator.OcclusionAwareSPADEGenerator} (facevid2vid with a SPADE decoder): appearance encoder to a 3-D
 * feature volume, dense motion from source / driving keypoints, 3-D warp, occlusion, SPADE decoder to RGB in [0, 1].
 *
 * <p>Everything that depends only on the source image and its keypoints is computed once by {@link #prepare} into a
 * {@link SourceCache}; {@link #render} then runs the per-frame part. Immutable after loading; {@code render} may be
 * called from several threads at once (each with its own driving keypoints; a new thread must first turn libtorch's
 * grad mode off, {@code JniUtils.setGradMode(false)}).
 */
public final class OcclusionAwareSPADEGenerator {
    private final DenseMotionNetwork denseMotion;
    private final SameBlock2d first;
    private final List<DownBlock2d> downBlocks;
    private final Conv2d second;
    private final List<ResBlock3d> resblocks3d;
    private final SameBlock2d third;
    private final Conv2d fourth;
    private final SPADEDecoder decoder;
    private final int reshapeChannel;
    private final int reshapeDepth;

    /**
     * Generator outputs: {@code prediction} (B, 3, H, W) in [0, 1], {@code occlusionMap} (B, 1, H/4, W/4) or null
     * without occlusion estimation, {@code mask} (B, K+1, d, H/4, W/4).
     */
    public record Output(NDArray prediction, NDArray occlusionMap, NDArray mask) {
    }

    /**
     * Source-only state: the appearance feature volume and the dense-motion source terms for one source image
     * and its transformed keypoints. Owns its native memory; close it when the request is done.
     */
    public static final class SourceCache implements AutoCloseable {
        private final NDManager manager;
        private final NDArray feature3d;
        private final DenseMotionNetwork.Source motion;

        private SourceCache(NDManager manager, NDArray feature3d, DenseMotionNetwork.Source motion) {
            this.manager = manager;
            this.feature3d = feature3d;
            this.motion = motion;
        }

        /** The appearance feature volume (B, reshape_channel, reshape_depth, H/4, W/4). */
        public NDArray feature3d() {
            return feature3d;
        }

        /** The transformed source keypoints (B, K, 3) this cache was built for. */
        public NDArray kpSource() {
            return motion.kpSource();
        }

        @Override
        public void close() {
            manager.close();
        }
    }

    private OcclusionAwareSPADEGenerator(DenseMotionNetwork denseMotion, SameBlock2d first, List<DownBlock2d> downBlocks,
                                         Conv2d second, List<ResBlock3d> resblocks3d, SameBlock2d third,
                                         Conv2d fourth, SPADEDecoder decoder, int reshapeChannel, int reshapeDepth) {
        this.denseMotion = denseMotion;
        this.first = first;
        this.downBlocks = downBlocks;
        this.second = second;
        this.resblocks3d = resblocks3d;
        this.third = third;
        this.fourth = fourth;
        this.decoder = decoder;
        this.reshapeChannel = reshapeChannel;
        this.reshapeDepth = reshapeDepth;
    }

    /**
     * Loads the generator from {@code w} (the {@code generator.} scope of SadTalker_V0.0.2_256/512) as
     * {@code OcclusionAwareSPADEGenerator(**generator_params, **common_params)} of {@code config}.
     */
    public static OcclusionAwareSPADEGenerator load(Weights w, FacerenderConfig config) {
        FacerenderConfig.GeneratorParams p = config.generatorParams();
        int expansion = p.blockExpansion();
        int maxFeatures = p.maxFeatures();
        DenseMotionNetwork dense = DenseMotionNetwork.load(w.prefix("dense_motion_network"), config);
        SameBlock2d first = SameBlock2d.load(w.prefix("first"), config.commonParams().imageChannel(), expansion, false);
        List<DownBlock2d> down = new ArrayList<>();
        int features = expansion;
        for (int i = 0; i < p.numDownBlocks(); i++) {
            features = Hourglass.features(expansion, i + 1, maxFeatures);
            down.add(DownBlock2d.load(w.prefix("down_blocks").prefix(i), Hourglass.features(expansion, i, maxFeatures),
                    features));
        }
        Conv2d second = Conv2d.load(w.prefix("second"), features, maxFeatures, 1, ConvConfig.DEFAULT);
        List<ResBlock3d> res = new ArrayList<>();
        for (int i = 0; i < p.numResblocks(); i++) {
            res.add(ResBlock3d.load(w.prefix("resblocks_3d").prefix("3dr" + i), p.reshapeChannel()));
        }
        int out = expansion << p.numDownBlocks();
        return new OcclusionAwareSPADEGenerator(dense, first, down, second, res,
                SameBlock2d.load(w.prefix("third"), maxFeatures, out, true),
                Conv2d.load(w.prefix("fourth"), out, out, 1, ConvConfig.DEFAULT), SPADEDecoder.load(w.prefix("decoder")),
                p.reshapeChannel(), p.reshapeDepth());
    }

    /**
     * Computes the source-only state for {@code sourceImage} (B, 3, H, W) in [0, 1] and its transformed keypoints
     * {@code kpSource} (B, K, 3). A batch-1 cache serves any driving batch size.
     */
    public SourceCache prepare(NDArray sourceImage, NDArray kpSource) {
        NDManager manager = sourceImage.getManager().newSubManager();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray out = first.forward(sourceImage);
            for (DownBlock2d block : downBlocks) {
                out = block.forward(out);
            }
            out = second.forward(out);
            long[] s = out.getShape().getShape();
            NDArray feature3d = out.reshape(s[0], reshapeChannel, reshapeDepth, s[2], s[3]);
            for (ResBlock3d block : resblocks3d) {
                feature3d = block.forward(feature3d);
            }
            DenseMotionNetwork.Source motion = denseMotion.prepare(feature3d, kpSource.duplicate());
            NDList kept = motion.arrays();
            kept.add(feature3d);
            NDScope.unregister(kept);
            kept.attach(manager);
            return new SourceCache(manager, feature3d, motion);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The predicted frame (B, 3, H, W) in [0, 1] for driving keypoints {@code kpDriving} (B, K, 3). */
    public NDArray render(SourceCache cache, NDArray kpDriving) {
        Output out = forward(cache, kpDriving);
        out.mask().close();
        if (out.occlusionMap() != null) {
            out.occlusionMap().close();
        }
        return out.prediction();
    }

    /** All generator outputs for driving keypoints {@code kpDriving} (B, K, 3); attached to kpDriving's manager. */
    public Output forward(SourceCache cache, NDArray kpDriving) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            long b = kpDriving.getShape().get(0);
            DenseMotionNetwork.Output motion = denseMotion.forward(cache.motion, kpDriving);
            Interruption.check();
            NDArray feature = DenseMotionNetwork.batch(cache.feature3d, b);
            NDArray out = GridSample.sample3d(feature, motion.deformation(), false);
            long[] s = out.getShape().getShape();
            out = out.reshape(s[0], s[1] * s[2], s[3], s[4]);
            out = fourth.forward(third.forward(out));
            Interruption.check();
            if (motion.occlusionMap() != null) {
                out = out.mul(motion.occlusionMap());
            }
            NDArray prediction = decoder.forward(out);
            NDList result = new NDList(prediction, motion.mask());
            if (motion.occlusionMap() != null) {
                result.add(motion.occlusionMap());
            }
            NDScope.unregister(result);
            result.attach(kpDriving.getManager());
            return new Output(prediction, motion.occlusionMap(), motion.mask());
        }
    }

    /** The original's uncached call {@code generator(source_image, kp_driving=..., kp_source=...)}. */
    public Output forward(NDArray sourceImage, NDArray kpDriving, NDArray kpSource) {
        try (SourceCache cache = prepare(sourceImage, kpSource)) {
            return forward(cache, kpDriving);
        }
    }
}
