package io.sadtalker.enhance;

import ai.djl.ndarray.NDManager;
import io.sadtalker.core.FaceBox;
import io.sadtalker.core.GradMode;
import io.sadtalker.core.image.OpenCvImages;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.FaceDetector;
import io.sadtalker.core.stage.FaceEnhancer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The {@code GFPGANer.enhance} flow of SadTalker's {@code face_enhancer.py} for any {@link FaceRestorer}: the RGB
 * frame is handled in BGR, faces are detected, aligned to the template, restored and pasted back into the frame
 * upscaled {@code upscale} times with the ParseNet soft mask, over the frame upscaled by the
 * {@link BackgroundUpsampler} when there is one, else by a Lanczos-4 resize. A frame without a usable face is only
 * upscaled, as the original. Safe for concurrent calls when the detector and restorer are.
 */
public final class FaceRestoreEnhancer implements FaceEnhancer {
    private final FaceDetector detector;
    private final FaceRestorer restorer;
    private final FaceMask parseMask;
    private final FaceRestoreHelper helper;
    private final BackgroundUpsampler background;
    private final NDManager manager;

    /** One aligned face: the similarity to the crop, the paste-back inverse, the crop and the restored crop (BGR). */
    public record AlignedFace(double[] affineMatrix, double[] inverseAffine, byte[] croppedBgr, byte[] restoredBgr) {
    }

    /** The faces and the final upscaled frame. */
    public record Restoration(List<AlignedFace> faces, RgbImage image) {
    }

    /** {@code manager} is used for per-call temporaries of the paste blend and the mask. */
    public FaceRestoreEnhancer(FaceDetector detector, FaceRestorer restorer, FaceMask parseMask,
                               FaceRestoreHelper helper, NDManager manager) {
        this(detector, restorer, parseMask, helper, null, manager);
    }

    /**
     * Like the other constructor, with a {@code background} upsampler (GFPGANer's bg_upsampler; null for the
     * Lanczos-4 resize) whose output is resized (Lanczos-4) to the upscaled frame size when it differs.
     */
    public FaceRestoreEnhancer(FaceDetector detector, FaceRestorer restorer, FaceMask parseMask,
                               FaceRestoreHelper helper, BackgroundUpsampler background, NDManager manager) {
        if (restorer.faceSize() != helper.faceSize()) {
            throw new IllegalArgumentException("restorer takes " + restorer.faceSize() + " px faces, helper aligns to "
                    + helper.faceSize());
        }
        this.detector = detector;
        this.restorer = restorer;
        this.parseMask = parseMask;
        this.helper = helper;
        this.background = background;
        this.manager = manager;
    }

    @Override
    public RgbImage enhance(RgbImage frame) {
        return restore(frame, detector.detect(frame), new SplittableRandom()).image();
    }

    @Override
    public RgbImage enhance(RgbImage frame, long seed) {
        return restore(frame, detector.detect(frame), seed).image();
    }

    /**
     * Runs the flow on {@code frame} with the given detections instead of the detector's; the restorer's random
     * draws (GFPGAN's noise) come from a generator seeded with {@code seed}, face after face.
     */
    public Restoration restore(RgbImage frame, List<FaceBox> faces, long seed) {
        return restore(frame, faces, new SplittableRandom(seed));
    }

    private Restoration restore(RgbImage frame, List<FaceBox> faces, RandomGenerator random) {
        GradMode.disableForThisThread();
        List<AlignedFace> aligned = new ArrayList<>();
        List<FaceRestoreHelper.Paste> pastes = new ArrayList<>();
        try (Mat bgr = OpenCvImages.toBgrMat(frame); Mat bg = upsampledBackground(frame)) {
            for (float[] lm : helper.landmarks5(faces)) {
                double[] affine = helper.affineMatrix(lm);
                if (affine == null) {
                    continue;
                }
                byte[] cropped = helper.alignWarpFace(bgr, affine);
                byte[] restored = restorer.restore(cropped, random);
                double[] inverse = helper.inverseAffine(affine);
                aligned.add(new AlignedFace(affine, inverse, cropped, restored));
                double[] mask = parseMask.mask(restored, helper.faceSize(), manager);
                pastes.add(new FaceRestoreHelper.Paste(restored, inverse, mask));
            }
            byte[] out = helper.pasteFacesToInputImage(bgr, pastes, bg, manager);
            return new Restoration(aligned,
                    RgbImage.fromBgr(frame.width() * helper.upscale(), frame.height() * helper.upscale(), out));
        }
    }

    /** {@code bg_upsampler.enhance(img, outscale=upscale)} of the whole frame, or null without an upsampler. */
    private Mat upsampledBackground(RgbImage frame) {
        if (background == null) {
            return null;
        }
        int s = background.scale();
        return OpenCvImages.bgrMat(frame.width() * s, frame.height() * s,
                background.upsample(frame.bgr(), frame.width(), frame.height()));
    }
}
