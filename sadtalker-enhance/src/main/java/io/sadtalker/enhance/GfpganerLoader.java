package io.sadtalker.enhance;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.sadtalker.core.NativeMemory;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.FaceDetector;
import io.sadtalker.core.weights.Checkpoint;
import io.sadtalker.core.weights.Weights;
import io.sadtalker.enhance.parsing.ParseNet;
import io.sadtalker.preprocess.detect.RetinaFaceDetector;
import java.nio.file.Path;

/**
 * What the native GFPGANer enhancers share: facexlib's RetinaFace, opening the restorer and parsing checkpoints into
 * one NDManager, and the flow with the ParseNet paste mask and the 512 / upscale 2 {@link FaceRestoreHelper}.
 */
final class GfpganerLoader {
    private GfpganerLoader() {
    }

    /** Makes an enhancer from the opened restorer checkpoint and the parsing weights, both held by {@code manager}. */
    @FunctionalInterface
    interface Binder<E extends ManagedFaceEnhancer> {
        E bind(Checkpoint restorer, Weights parsenet, FaceDetector detector, NDManager manager);
    }

    /**
     * Opens {@code detection} as facexlib's detector (RetinaFace handed the BGR frame, which it expects), then
     * {@link #load} with it; the enhancer owns the detector. Nothing is left open if this throws.
     */
    static <E extends ManagedFaceEnhancer> E open(Path restorer, Path parsenet, Path detection, Device device,
                                                  Binder<E> binder) {
        RetinaFaceDetector retinaFace = RetinaFaceDetector.open(detection, RetinaFaceDetector.SADTALKER_THRESHOLD,
                device);
        try {
            FaceDetector onBgr = frame -> retinaFace.detect(RgbImage.wrap(frame.width(), frame.height(), frame.bgr()));
            return load(restorer, parsenet, onBgr, retinaFace, device, binder);
        } catch (RuntimeException e) {
            retinaFace.close();
            throw e;
        }
    }

    /**
     * Opens both checkpoints (a missing or malformed file is a CheckpointException naming it) into a new manager and
     * binds them on {@code device}; the enhancer takes the manager and {@code detectorResource} (nullable).
     */
    static <E extends ManagedFaceEnhancer> E load(Path restorer, Path parsenet, FaceDetector detector,
                                                  AutoCloseable detectorResource, Device device, Binder<E> binder) {
        NativeMemory.configure();
        NDManager manager = NDManager.newBaseManager(device, "PyTorch");
        try (Checkpoint r = Checkpoint.open(restorer); Checkpoint p = Checkpoint.open(parsenet)) {
            E e = binder.bind(r, p.weights(manager), detector, manager);
            e.own(detectorResource);
            return e;
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** GFPGANer's flow around {@code restorer}: ParseNet 512 paste mask from {@code parsenet}, 512 faces, upscale 2. */
    static FaceRestoreEnhancer flow(FaceDetector detector, FaceRestorer restorer, Weights parsenet,
                                    BackgroundUpsampler background, NDManager manager) {
        ParseNet parse = parsenet.bind(w -> ParseNet.load(w, ParseNet.Config.parsenet512()));
        return new FaceRestoreEnhancer(detector, restorer, new FaceParseMask(parse), FaceRestoreHelper.gfpgan(),
                background, manager);
    }
}
