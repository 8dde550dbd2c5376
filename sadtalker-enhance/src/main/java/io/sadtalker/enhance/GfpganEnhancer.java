package io.sadtalker.enhance;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.sadtalker.core.FaceBox;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.FaceDetector;
import io.sadtalker.core.stage.FaceEnhancer;
import io.sadtalker.core.weights.Checkpoint;
import io.sadtalker.core.weights.Weights;
import io.sadtalker.enhance.gfpgan.GFPGANv1Clean;
import io.sadtalker.enhance.parsing.ParseNet;
import io.sadtalker.preprocess.detect.RetinaFaceDetector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * SadTalker's {@code --enhancer gfpgan}: GFPGANer(GFPGANv1.4, upscale 2, arch clean, channel_multiplier 2) with
 * facexlib's RetinaFace and ParseNet, all native, and optionally a {@link BackgroundUpsampler} (SadTalker's
 * {@code --background_enhancer realesrgan}). The output frame is twice the input size. Safe for concurrent
 * {@link #enhance} calls (weights are shared read-only; each call has its own temporaries and switches grad mode
 * off for its thread). Holds native memory until {@link #close()}.
 */
public final class GfpganEnhancer implements FaceEnhancer, AutoCloseable {
    private final NDManager manager;
    private final List<Object> resources;
    private final FaceRestoreEnhancer flow;

    private GfpganEnhancer(NDManager manager, List<Object> resources, FaceRestoreEnhancer flow) {
        this.manager = manager;
        this.resources = resources;
        this.flow = flow;
    }

    /**
     * Loads {@code GFPGANv1.4.pth} (entry {@code params_ema}), {@code parsing_parsenet.pth} and
     * {@code detection_Resnet50_Final.pth}; a missing or malformed file is a CheckpointException naming it.
     * {@code randomizeNoise} true reproduces the original's fresh noise per face; false uses the stored noise.
     */
    public static GfpganEnhancer open(Path gfpgan, Path parsenet, Path detection, boolean randomizeNoise) {
        return open(gfpgan, parsenet, detection, randomizeNoise, null);
    }

    /**
     * Like {@link #open(Path, Path, Path, boolean)} with a {@code background} upsampler (null for the Lanczos
     * resize), which the enhancer closes with itself when it is AutoCloseable (if this method throws, the caller
     * still owns it).
     */
    public static GfpganEnhancer open(Path gfpgan, Path parsenet, Path detection, boolean randomizeNoise,
                                      BackgroundUpsampler background) {
        RetinaFaceDetector retinaFace = OwnedResources.openRetinaFace(detection);
        try {
            return load(gfpgan, parsenet, OwnedResources.onBgr(retinaFace), retinaFace, randomizeNoise, background);
        } catch (RuntimeException e) {
            retinaFace.close();
            throw e;
        }
    }

    /** Like {@link #open} with a caller-supplied detector (given the RGB frame; not closed by this enhancer). */
    public static GfpganEnhancer open(Path gfpgan, Path parsenet, FaceDetector detector, boolean randomizeNoise) {
        return load(gfpgan, parsenet, detector, null, randomizeNoise, null);
    }

    /**
     * Binds already loaded weights ({@code gfpgan} = the params_ema state dict, {@code parsenet} = the parsing one);
     * the enhancer takes ownership of {@code manager} (which holds them) and closes it.
     */
    public static GfpganEnhancer of(Weights gfpgan, Weights parsenet, FaceDetector detector, NDManager manager,
                                    boolean randomizeNoise) {
        return of(gfpgan, parsenet, detector, manager, randomizeNoise, null);
    }

    /** Like {@link #of(Weights, Weights, FaceDetector, NDManager, boolean)} with a background upsampler it owns. */
    public static GfpganEnhancer of(Weights gfpgan, Weights parsenet, FaceDetector detector, NDManager manager,
                                    boolean randomizeNoise, BackgroundUpsampler background) {
        GFPGANv1Clean net = gfpgan.bind(w -> GFPGANv1Clean.load(w, GFPGANv1Clean.Config.v14()));
        ParseNet parse = parsenet.bind(w -> ParseNet.load(w, ParseNet.Config.parsenet512()));
        FaceRestoreHelper helper = FaceRestoreHelper.gfpgan();
        FaceRestoreEnhancer flow = new FaceRestoreEnhancer(detector,
                new GfpganRestorer(net, manager, helper.faceSize(), randomizeNoise), new FaceParseMask(parse), helper,
                background, manager);
        List<Object> resources = new ArrayList<>();
        resources.add(background);
        return new GfpganEnhancer(manager, resources, flow);
    }

    private static GfpganEnhancer load(Path gfpgan, Path parsenet, FaceDetector detector, AutoCloseable detectorResource,
                                       boolean randomizeNoise, BackgroundUpsampler background) {
        NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        try (Checkpoint g = Checkpoint.open(gfpgan); Checkpoint p = Checkpoint.open(parsenet)) {
            GfpganEnhancer e = of(g.weights(manager, "params_ema"), p.weights(manager), detector, manager,
                    randomizeNoise, background);
            e.resources.add(detectorResource);
            return e;
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public RgbImage enhance(RgbImage frame) {
        return flow.enhance(frame);
    }

    /** The flow with given detections instead of the detector's, with every intermediate (for checks and tools). */
    public FaceRestoreEnhancer.Restoration restore(RgbImage frame, List<FaceBox> faces) {
        return flow.restore(frame, faces);
    }

    @Override
    public void close() {
        OwnedResources.closeAll(resources, manager);
    }
}
