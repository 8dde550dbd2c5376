package io.sadtalker.enhance;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.sadtalker.core.stage.FaceDetector;
import io.sadtalker.core.weights.Weights;
import io.sadtalker.enhance.gfpgan.GFPGANv1Clean;
import java.nio.file.Path;

/**
 * SadTalker's {@code --enhancer gfpgan}: GFPGANer(GFPGANv1.4, upscale 2, arch clean, channel_multiplier 2) with
 * facexlib's RetinaFace and ParseNet, all native, and optionally a {@link BackgroundUpsampler} (SadTalker's
 * {@code --background_enhancer realesrgan}). The output frame is twice the input size. Safe for concurrent
 * {@link #enhance} calls (weights are shared read-only; each call has its own temporaries and switches grad mode
 * off for its thread). Holds native memory until {@link #close()}.
 */
public final class GfpganEnhancer extends ManagedFaceEnhancer {

    private GfpganEnhancer(FaceRestoreEnhancer flow, NDManager manager, BackgroundUpsampler background) {
        super(flow, manager, background);
    }

    /**
     * Loads {@code GFPGANv1.4.pth} (entry {@code params_ema}), {@code parsing_parsenet.pth} and
     * {@code detection_Resnet50_Final.pth}; a missing or malformed file is a CheckpointException naming it.
     * {@code randomizeNoise} true draws fresh noise per face as the original does, from the seed given to
     * {@link #enhance(io.sadtalker.core.image.RgbImage, long)} (unseeded with the one-argument enhance); false uses
     * the stored noise.
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
        return open(gfpgan, parsenet, detection, randomizeNoise, background, Device.cpu());
    }

    /** As {@link #open(Path, Path, Path, boolean, BackgroundUpsampler)}, the networks on {@code device}. */
    public static GfpganEnhancer open(Path gfpgan, Path parsenet, Path detection, boolean randomizeNoise,
                                      BackgroundUpsampler background, Device device) {
        return GfpganerLoader.open(gfpgan, parsenet, detection, device, binder(randomizeNoise, background));
    }

    /** Like {@link #open} with a caller-supplied detector (given the RGB frame; not closed by this enhancer). */
    public static GfpganEnhancer open(Path gfpgan, Path parsenet, FaceDetector detector, boolean randomizeNoise) {
        return GfpganerLoader.load(gfpgan, parsenet, detector, null, Device.cpu(), binder(randomizeNoise, null));
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
        FaceRestorer restorer = new GfpganRestorer(net, manager, FaceRestoreHelper.gfpgan().faceSize(), randomizeNoise);
        return new GfpganEnhancer(GfpganerLoader.flow(detector, restorer, parsenet, background, manager), manager,
                background);
    }

    private static GfpganerLoader.Binder<GfpganEnhancer> binder(boolean randomizeNoise,
                                                                BackgroundUpsampler background) {
        return (g, parsenet, detector, manager) -> of(g.weights(manager, "params_ema"), parsenet, detector, manager,
                randomizeNoise, background);
    }
}
