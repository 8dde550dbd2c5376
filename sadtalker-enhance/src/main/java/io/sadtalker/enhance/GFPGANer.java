package io.sadtalker.enhance;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.sadtalker.core.FaceBox;
import io.sadtalker.core.GradMode;
import io.sadtalker.core.NativeMemory;
import io.sadtalker.core.image.OpenCvImages;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.FaceDetector;
import io.sadtalker.core.stage.FaceEnhancer;
import io.sadtalker.core.weights.Checkpoint;
import io.sadtalker.enhance.gfpgan.GFPGANv1Clean;
import io.sadtalker.enhance.parsing.ParseNet;
import io.sadtalker.enhance.restoreformer.RestoreFormer;
import io.sadtalker.preprocess.detect.RetinaFaceDetector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * GFPGAN's {@code GFPGANer.enhance} as SadTalker's {@code face_enhancer.py} runs it: the RGB frame is handled in
 * BGR, faces are detected, aligned to the template (facexlib's {@code FaceRestoreHelper}), restored by the
 * {@link FaceRestorer} (GFPGANv1Clean, RestoreFormer or one of your own, e.g. an ONNX export), and pasted back into
 * the frame upscaled {@code upscale} times with the paste mask (ParseNet's), over the frame upscaled by the
 * {@link BackgroundUpsampler} when there is one, else by a Lanczos-4 resize. A frame without a usable face is only
 * upscaled, as the original. Made by {@link #builder()}.
 *
 * <p>Safe for concurrent calls when the detector and restorer are (the ones in this module are: weights are shared
 * read-only, each call has its own temporaries and switches grad mode off for its thread). Holds native memory
 * and what it owns until {@link #close()}.
 */
public final class GFPGANer implements FaceEnhancer, AutoCloseable {
    private final FaceDetector detector;
    private final FaceRestorer restorer;
    private final FaceMask mask;
    private final FaceRestoreHelper helper;
    private final BackgroundUpsampler background;
    private final NDManager manager;
    private final List<Object> resources;

    /** One aligned face: the similarity to the crop, the paste-back inverse, the crop and the restored crop (BGR). */
    public record AlignedFace(double[] affineMatrix, double[] inverseAffine, byte[] croppedBgr, byte[] restoredBgr) {
    }

    /** The faces and the final upscaled frame. */
    public record Restoration(List<AlignedFace> faces, RgbImage image) {
    }

    private GFPGANer(FaceDetector detector, FaceRestorer restorer, FaceMask mask, FaceRestoreHelper helper,
                     BackgroundUpsampler background, NDManager manager, List<Object> resources) {
        this.detector = detector;
        this.restorer = restorer;
        this.mask = mask;
        this.helper = helper;
        this.background = background;
        this.manager = manager;
        this.resources = resources;
    }

    /** A builder with GFPGANer's defaults: upscale 2, fresh noise per face, networks on the CPU. */
    public static Builder builder() {
        return new Builder();
    }

    /** Enhances {@code frame}; GFPGAN's noise comes from an unseeded generator. */
    @Override
    public RgbImage enhance(RgbImage frame) {
        return restore(frame, detector.detect(frame), new SplittableRandom()).image();
    }

    /** Enhances {@code frame}; GFPGAN's noise comes from a generator seeded with {@code seed}, face after face. */
    @Override
    public RgbImage enhance(RgbImage frame, long seed) {
        return restore(frame, detector.detect(frame), new SplittableRandom(seed)).image();
    }

    /**
     * The flow on {@code frame} with the given detections instead of the detector's, with every intermediate (for
     * checks and tools); the restorer's random draws come from a generator seeded with {@code seed}.
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
                pastes.add(new FaceRestoreHelper.Paste(restored, inverse, mask.mask(restored, helper.faceSize(),
                        manager)));
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

    /**
     * Closes what the enhancer owns (each tried, in the order taken: restorer, background upsampler, RetinaFace),
     * then the weights; the first failure is rethrown.
     */
    @Override
    public void close() {
        IllegalStateException failure = closeAll(resources);
        manager.close();
        if (failure != null) {
            throw failure;
        }
    }

    private static IllegalStateException closeAll(List<Object> resources) {
        IllegalStateException failure = null;
        for (Object r : resources) {
            if (r instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    if (failure == null) {
                        failure = new IllegalStateException("closing " + c.getClass().getSimpleName() + " failed", e);
                    }
                }
            }
        }
        return failure;
    }

    /**
     * What GFPGANer is made of. Exactly one restorer ({@link #gfpgan}, {@link #restoreFormer} or {@link #restorer}),
     * one paste mask ({@link #parseNet} or {@link #faceMask}) and one detector ({@link #faceDetector} or
     * {@link #retinaFace}). Checkpoints are opened by {@link #build()}: a missing or malformed file is a
     * CheckpointException naming it. What {@code build()} is given (restorer, background upsampler) the enhancer
     * closes with itself when it is AutoCloseable; if {@code build()} throws, the caller still owns it.
     */
    public static final class Builder {
        private Path gfpgan;
        private Path restoreFormer;
        private FaceRestorer restorer;
        private Path parseNet;
        private FaceMask faceMask;
        private FaceDetector faceDetector;
        private Path retinaFace;
        private BackgroundUpsampler background;
        private Device device = Device.cpu();
        private boolean randomizeNoise = true;
        private int upscale = 2;

        private Builder() {
        }

        /** {@code arch='clean'}: GFPGANv1Clean from {@code GFPGANv1.4.pth}, entry {@code params_ema}. */
        public Builder gfpgan(Path checkpoint) {
            this.gfpgan = checkpoint;
            return this;
        }

        /**
         * {@code arch='RestoreFormer'}: RestoreFormer from {@code RestoreFormer.pth}, entry {@code params_ema} when
         * present, else {@code params}.
         */
        public Builder restoreFormer(Path checkpoint) {
            this.restoreFormer = checkpoint;
            return this;
        }

        /** A restorer of your own (e.g. {@code OnnxFaceRestorer}); faces are aligned to its {@code faceSize()}. */
        public Builder restorer(FaceRestorer restorer) {
            this.restorer = restorer;
            return this;
        }

        /** facexlib's ParseNet paste mask ({@code use_parse=True}) from {@code parsing_parsenet.pth}. */
        public Builder parseNet(Path checkpoint) {
            this.parseNet = checkpoint;
            return this;
        }

        /** A paste mask of your own instead of ParseNet's. */
        public Builder faceMask(FaceMask mask) {
            this.faceMask = mask;
            return this;
        }

        /** The detector, given the RGB frame (e.g. one shared with the landmark stage); not closed by the enhancer. */
        public Builder faceDetector(FaceDetector detector) {
            this.faceDetector = detector;
            return this;
        }

        /**
         * facexlib's detector: RetinaFace from {@code detection_Resnet50_Final.pth} (SadTalker's threshold), handed the
         * BGR frame as facexlib hands it; opened by {@link #build()} and closed with the enhancer.
         */
        public Builder retinaFace(Path checkpoint) {
            this.retinaFace = checkpoint;
            return this;
        }

        /** GFPGANer's {@code bg_upsampler} (null, the default: the Lanczos-4 resize). */
        public Builder backgroundUpsampler(BackgroundUpsampler upsampler) {
            this.background = upsampler;
            return this;
        }

        /** Where the native networks run (default: the CPU). */
        public Builder device(Device device) {
            this.device = device;
            return this;
        }

        /**
         * True (the default, GFPGANer's {@code randomize_noise=True}): GFPGAN draws fresh noise per face from the
         * generator {@code enhance} seeds; false: the stored noise buffers.
         */
        public Builder randomizeNoise(boolean randomize) {
            this.randomizeNoise = randomize;
            return this;
        }

        /** Output size factor (default 2, as SadTalker). */
        public Builder upscale(int factor) {
            this.upscale = factor;
            return this;
        }

        /** Opens the checkpoints (RetinaFace, restorer, ParseNet, in that order) and makes the enhancer. */
        public GFPGANer build() {
            requireOne("restorer: gfpgan(...), restoreFormer(...) or restorer(...)", gfpgan, restoreFormer, restorer);
            requireOne("paste mask: parseNet(...) or faceMask(...)", parseNet, faceMask);
            requireOne("detector: faceDetector(...) or retinaFace(...)", faceDetector, retinaFace);
            NativeMemory.configure();
            List<Object> opened = new ArrayList<>();
            NDManager manager = NDManager.newBaseManager(device, "PyTorch");
            try {
                FaceDetector detector = faceDetector;
                if (retinaFace != null) {
                    RetinaFaceDetector net = RetinaFaceDetector.open(retinaFace,
                            RetinaFaceDetector.SADTALKER_THRESHOLD, device);
                    opened.add(net);
                    detector = frame -> net.detect(RgbImage.wrap(frame.width(), frame.height(), frame.bgr()));
                }
                Path network = gfpgan != null ? gfpgan : restoreFormer;
                FaceRestorer r = restorer;
                FaceMask m = faceMask;
                try (Checkpoint n = network != null ? Checkpoint.open(network) : null;
                     Checkpoint p = parseNet != null ? Checkpoint.open(parseNet) : null) {
                    if (n != null) {
                        r = bindRestorer(n, manager);
                    }
                    if (p != null) {
                        m = new FaceParseMask(p.weights(manager)
                                .bind(w -> ParseNet.load(w, ParseNet.Config.parsenet512())));
                    }
                }
                List<Object> resources = new ArrayList<>();
                resources.add(restorer);
                resources.add(background);
                resources.addAll(opened);
                return new GFPGANer(detector, r, m, new FaceRestoreHelper(r.faceSize(), upscale, 5), background,
                        manager, resources);
            } catch (RuntimeException e) {
                closeAll(opened);
                manager.close();
                throw e;
            }
        }

        /** GFPGANv1Clean from entry {@code params_ema}, or RestoreFormer from {@code params_ema} or {@code params}. */
        private FaceRestorer bindRestorer(Checkpoint checkpoint, NDManager manager) {
            if (gfpgan != null) {
                GFPGANv1Clean.Config cfg = GFPGANv1Clean.Config.v14();
                GFPGANv1Clean net = checkpoint.weights(manager, "params_ema").bind(w -> GFPGANv1Clean.load(w, cfg));
                return NetworkRestorer.gfpgan(net, cfg.outSize(), randomizeNoise, manager);
            }
            RestoreFormer.Config cfg = RestoreFormer.Config.restoreFormer();
            String entry = checkpoint.entries().contains("params_ema") ? "params_ema" : "params";
            RestoreFormer net = checkpoint.weights(manager, entry).bind(w -> RestoreFormer.load(w, cfg));
            return NetworkRestorer.restoreFormer(net, cfg.resolution(), manager);
        }

        private static void requireOne(String what, Object... choices) {
            long set = Arrays.stream(choices).filter(Objects::nonNull).count();
            if (set != 1) {
                throw new IllegalStateException("GFPGANer needs exactly one " + what + ", got " + set);
            }
        }
    }
}
