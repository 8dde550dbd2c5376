package io.sadtalker.enhance;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.sadtalker.core.stage.FaceDetector;
import io.sadtalker.core.weights.Weights;
import io.sadtalker.enhance.restoreformer.RestoreFormer;
import java.nio.file.Path;

/**
 * SadTalker's {@code --enhancer RestoreFormer}: GFPGANer(RestoreFormer.pth, upscale 2, arch 'RestoreFormer') with
 * facexlib's RetinaFace and ParseNet (the same 512 alignment and paste as {@link GfpganEnhancer}), all native, and
 * optionally a {@link BackgroundUpsampler}. The output frame is twice the input size. Safe for concurrent
 * {@link #enhance} calls. Holds native memory until {@link #close()}.
 */
public final class RestoreFormerEnhancer extends ManagedFaceEnhancer {

    private RestoreFormerEnhancer(FaceRestoreEnhancer flow, NDManager manager, BackgroundUpsampler background) {
        super(flow, manager, background);
    }

    /**
     * Loads {@code RestoreFormer.pth} (entry {@code params_ema} when present, else {@code params}, as GFPGANer),
     * {@code parsing_parsenet.pth} and {@code detection_Resnet50_Final.pth}; a missing or malformed file is a
     * CheckpointException naming it. {@code background} (null for the Lanczos resize) is closed with the enhancer
     * when it is AutoCloseable (if this method throws, the caller still owns it).
     */
    public static RestoreFormerEnhancer open(Path restoreFormer, Path parsenet, Path detection,
                                             BackgroundUpsampler background) {
        return open(restoreFormer, parsenet, detection, background, Device.cpu());
    }

    /** As {@link #open(Path, Path, Path, BackgroundUpsampler)}, the networks on {@code device}. */
    public static RestoreFormerEnhancer open(Path restoreFormer, Path parsenet, Path detection,
                                             BackgroundUpsampler background, Device device) {
        return GfpganerLoader.open(restoreFormer, parsenet, detection, device, binder(background));
    }

    /** Like {@link #open} with a caller-supplied detector (given the RGB frame; not closed by this enhancer). */
    public static RestoreFormerEnhancer open(Path restoreFormer, Path parsenet, FaceDetector detector,
                                             BackgroundUpsampler background) {
        return GfpganerLoader.load(restoreFormer, parsenet, detector, null, Device.cpu(), binder(background));
    }

    /**
     * Binds already loaded weights ({@code restoreFormer} = the params_ema state dict, {@code parsenet} = the parsing
     * one); the enhancer takes ownership of {@code manager} (which holds them) and of {@code background} (nullable).
     */
    public static RestoreFormerEnhancer of(Weights restoreFormer, Weights parsenet, FaceDetector detector,
                                           NDManager manager, BackgroundUpsampler background) {
        RestoreFormer.Config cfg = RestoreFormer.Config.restoreFormer();
        RestoreFormer net = restoreFormer.bind(w -> RestoreFormer.load(w, cfg));
        FaceRestorer restorer = new RestoreFormerRestorer(net, manager, cfg.resolution());
        return new RestoreFormerEnhancer(GfpganerLoader.flow(detector, restorer, parsenet, background, manager),
                manager, background);
    }

    private static GfpganerLoader.Binder<RestoreFormerEnhancer> binder(BackgroundUpsampler background) {
        return (r, parsenet, detector, manager) -> {
            String entry = r.entries().contains("params_ema") ? "params_ema" : "params";
            return of(r.weights(manager, entry), parsenet, detector, manager, background);
        };
    }
}
