package io.sadtalker.enhance.onnx;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.sadtalker.core.stage.FaceDetector;
import io.sadtalker.core.weights.Checkpoint;
import io.sadtalker.enhance.FaceMask;
import io.sadtalker.enhance.FaceParseMask;
import io.sadtalker.enhance.FaceRestoreEnhancer;
import io.sadtalker.enhance.FaceRestoreHelper;
import io.sadtalker.enhance.ManagedFaceEnhancer;
import io.sadtalker.enhance.parsing.ParseNet;
import java.nio.file.Path;

/**
 * A {@link io.sadtalker.core.stage.FaceEnhancer} on an ONNX face-restoration export (GFPGAN 1.2-1.4, CodeFormer, GPEN-BFR,
 * RestoreFormer++ ... see {@link OnnxPreset}) with the same detect / align / restore / paste flow as the native
 * GFPGAN enhancer ({@link FaceRestoreEnhancer}; faces aligned to the template scaled to the preset's size, output
 * upscaled {@code upscale} times). Safe for concurrent calls when the detector is. Holds native memory until
 * {@link #close()}.
 */
public final class OnnxFaceEnhancer extends ManagedFaceEnhancer {

    /** Takes ownership of {@code restorer}; {@code mask} is the paste mask (ParseNet's for the original flow). */
    public OnnxFaceEnhancer(FaceDetector detector, OnnxFaceRestorer restorer, FaceMask mask, int upscale) {
        this(detector, restorer, mask, upscale, null);
    }

    private OnnxFaceEnhancer(FaceDetector detector, OnnxFaceRestorer restorer, FaceMask mask, int upscale,
                             NDManager maskWeights) {
        this(detector, restorer, mask, upscale, maskWeights, NDManager.newBaseManager(Device.cpu(), "PyTorch"));
    }

    private OnnxFaceEnhancer(FaceDetector detector, OnnxFaceRestorer restorer, FaceMask mask, int upscale,
                             NDManager maskWeights, NDManager manager) {
        super(new FaceRestoreEnhancer(detector, restorer, mask, new FaceRestoreHelper(restorer.faceSize(), upscale, 5),
                manager), manager, restorer, maskWeights);
    }

    /**
     * Opens {@code model} with {@code preset} and the ParseNet paste mask from {@code parsenet}
     * ({@code parsing_parsenet.pth}); upscale 2 as SadTalker. The detector gets the RGB frame.
     */
    public static OnnxFaceEnhancer open(Path model, OnnxPreset preset, Path parsenet, FaceDetector detector) {
        NDManager weights = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        OnnxFaceRestorer restorer = null;
        try (Checkpoint ckpt = Checkpoint.open(parsenet)) {
            ParseNet net = ckpt.weights(weights).bind(w -> ParseNet.load(w, ParseNet.Config.parsenet512()));
            restorer = OnnxFaceRestorer.open(model, preset);
            return new OnnxFaceEnhancer(detector, restorer, new FaceParseMask(net), 2, weights);
        } catch (RuntimeException e) {
            if (restorer != null) {
                restorer.close();
            }
            weights.close();
            throw e;
        }
    }
}
