package io.sadtalker.enhance;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.sadtalker.core.FaceBox;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.FaceDetector;
import io.sadtalker.core.stage.FaceEnhancer;
import io.sadtalker.core.weights.Checkpoint;
import io.sadtalker.core.weights.Weights;
import io.sadtalker.enhance.parsing.ParseNet;
import io.sadtalker.enhance.restoreformer.RestoreFormer;
import io.sadtalker.preprocess.detect.RetinaFaceDetector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * SadTalker's {@code --enhancer RestoreFormer}: GFPGANer(RestoreFormer.pth, upscale 2, arch 'RestoreFormer') with
 * facexlib's RetinaFace and ParseNet (the same 512 alignment and paste as {@link GfpganEnhancer}), all native, and
 * optionally a {@link BackgroundUpsampler}. The output frame is twice the input size. Safe for concurrent
 * {@link #enhance} calls. Holds native memory until {@link #close()}.
 */
public final class RestoreFormerEnhancer implements FaceEnhancer, AutoCloseable {
    private final NDManager manager;
    private final List<Object> resources;
    private final FaceRestoreEnhancer flow;

    private RestoreFormerEnhancer(NDManager manager, List<Object> resources, FaceRestoreEnhancer flow) {
        this.manager = manager;
        this.resources = resources;
        this.flow = flow;
    }

    /**
     * Loads {@code RestoreFormer.pth} (entry {@code params_ema} when present, else {@code params}, as GFPGANer),
     * {@code parsing_parsenet.pth} and {@code detection_Resnet50_Final.pth}; a missing or malformed file is a
     * CheckpointException naming it. {@code background} (null for the Lanczos resize) is closed with the enhancer
     * when it is AutoCloseable (if this method throws, the caller still owns it).
     */
    public static RestoreFormerEnhancer open(Path restoreFormer, Path parsenet, Path detection,
                                             BackgroundUpsampler background) {
        RetinaFaceDetector retinaFace = OwnedResources.openRetinaFace(detection);
        try {
            return load(restoreFormer, parsenet, OwnedResources.onBgr(retinaFace), retinaFace, background);
        } catch (RuntimeException e) {
            retinaFace.close();
            throw e;
        }
    }

    /** Like {@link #open} with a caller-supplied detector (given the RGB frame; not closed by this enhancer). */
    public static RestoreFormerEnhancer open(Path restoreFormer, Path parsenet, FaceDetector detector,
                                             BackgroundUpsampler background) {
        return load(restoreFormer, parsenet, detector, null, background);
    }

    /**
     * Binds already loaded weights ({@code restoreFormer} = the params_ema state dict, {@code parsenet} = the parsing
     * one); the enhancer takes ownership of {@code manager} (which holds them) and of {@code background} (nullable).
     */
    public static RestoreFormerEnhancer of(Weights restoreFormer, Weights parsenet, FaceDetector detector,
                                           NDManager manager, BackgroundUpsampler background) {
        RestoreFormer.Config cfg = RestoreFormer.Config.restoreFormer();
        RestoreFormer net = restoreFormer.bind(w -> RestoreFormer.load(w, cfg));
        ParseNet parse = parsenet.bind(w -> ParseNet.load(w, ParseNet.Config.parsenet512()));
        FaceRestoreHelper helper = FaceRestoreHelper.gfpgan();
        FaceRestoreEnhancer flow = new FaceRestoreEnhancer(detector,
                new RestoreFormerRestorer(net, manager, cfg.resolution()), new FaceParseMask(parse), helper,
                background, manager);
        List<Object> resources = new ArrayList<>();
        resources.add(background);
        return new RestoreFormerEnhancer(manager, resources, flow);
    }

    private static RestoreFormerEnhancer load(Path restoreFormer, Path parsenet, FaceDetector detector,
                                              AutoCloseable detectorResource, BackgroundUpsampler background) {
        NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        try (Checkpoint r = Checkpoint.open(restoreFormer); Checkpoint p = Checkpoint.open(parsenet)) {
            String entry = r.entries().contains("params_ema") ? "params_ema" : "params";
            RestoreFormerEnhancer e = of(r.weights(manager, entry), p.weights(manager), detector, manager, background);
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
