package io.sadtalker.core.pipeline;

import ai.djl.engine.Engine;
import io.sadtalker.core.InvalidInputException;
import io.sadtalker.core.FaceCoefficients;
import io.sadtalker.core.Landmarks;
import io.sadtalker.core.MediaLimits;
import io.sadtalker.core.MelWindows;
import io.sadtalker.core.MotionCoefficients;
import io.sadtalker.core.NativeMemory;
import io.sadtalker.core.Preprocess;
import io.sadtalker.core.ProgressListener;
import io.sadtalker.core.SadTalkerException;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.Audio2Coeff;
import io.sadtalker.core.stage.Audio2CoeffOptions;
import io.sadtalker.core.stage.AudioDecoder;
import io.sadtalker.core.stage.CroppedFace;
import io.sadtalker.core.stage.Face3DMMExtractor;
import io.sadtalker.core.stage.FaceCropper;
import io.sadtalker.core.stage.FaceEnhancer;
import io.sadtalker.core.stage.FacePaster;
import io.sadtalker.core.stage.FaceRenderer;
import io.sadtalker.core.stage.FrameStream;
import io.sadtalker.core.stage.LandmarkDetector;
import io.sadtalker.core.stage.MelSpectrogram;
import io.sadtalker.core.stage.RenderRequest;
import io.sadtalker.core.stage.VideoDecoder;
import io.sadtalker.core.stage.VideoEncoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Portrait + speech to talking-head video, wiring the stages as SadTalker's {@code inference.py}: preprocess
 * (landmarks, crop, 3DMM), audio (decode, mel, Audio2Coeff), render, paste-back (full modes), enhance, encode.
 * Frames stream from the renderer through paste-back and enhancement into the encoder, so memory does not grow
 * with the audio length. Safe for concurrent {@code generate} calls when its stages are (the default ones are).
 */
public final class TalkingHeadPipeline implements AutoCloseable {
    private static final double FPS = 25.0;

    private final Stages stages;
    private final PipelineConfig config;

    private TalkingHeadPipeline(Stages stages, PipelineConfig config) {
        this.stages = stages;
        this.config = config;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The settings this pipeline was built with. */
    public PipelineConfig config() {
        return config;
    }

    /** Preprocesses the request's portrait (or reuses its injected landmarks); see {@link PreparedPortrait}. */
    public PreparedPortrait prepare(GenerationRequest request, ProgressListener listener) {
        if (request.portrait() == null) {
            throw new InvalidInputException("the request has no portrait");
        }
        RgbImage original = firstFrame(request.portrait());
        return prepare(original, request.portrait().toString(), request.landmarks(), request.cropLandmarks(),
                listener);
    }

    /** Preprocesses a portrait picture; {@code landmarks}/{@code cropLandmarks} may be null (detected). */
    public PreparedPortrait prepare(RgbImage original, Landmarks landmarks, Landmarks cropLandmarks,
                                    ProgressListener listener) {
        return prepare(original, "the portrait", landmarks, cropLandmarks, listener);
    }

    private PreparedPortrait prepare(RgbImage original, String source, Landmarks landmarks, Landmarks cropLandmarks,
                                     ProgressListener listener) {
        listener.progress("landmark Det", 0, 1);
        Landmarks full = landmarks != null ? landmarks : stages.landmarks.detect(original, source);
        CroppedFace cropped = stages.cropper.crop(original, full, config.preprocess(), config.size());
        Landmarks inCrop = cropLandmarks != null ? cropLandmarks
                : stages.landmarks.detect(cropped.face(), "the face cropped from " + source);
        listener.progress("landmark Det", 1, 1);
        listener.progress("3DMM Extraction", 0, 1);
        FaceCoefficients coefficients = stages.extractor.extract(cropped.face(), inCrop);
        listener.progress("3DMM Extraction", 1, 1);
        return new PreparedPortrait(original, full, cropped, inCrop, coefficients, config.preprocess(),
                config.size());
    }

    /** Audio-driven motion for a prepared portrait (mel, Audio2Exp, Audio2Pose, blink, reference videos). */
    public MotionCoefficients motion(PreparedPortrait portrait, GenerationRequest request, ProgressListener listener) {
        request.cancellation().throwIfCancelled();
        listener.progress("mel", 0, 1);
        float[] samples = stages.audioDecoder.decode16k(request.audio());
        MelWindows mel = stages.mel.windows(samples);
        listener.progress("mel", 1, 1);
        Random random = new Random(request.seed());
        FaceCoefficients refBlink = request.refEyeBlink() == null ? null : videoCoefficients(request.refEyeBlink());
        FaceCoefficients refPose = request.refPose() == null ? null : videoCoefficients(request.refPose());
        Audio2CoeffOptions options = new Audio2CoeffOptions(request.poseStyle(), refBlink, refPose,
                request.blinkRatio(), request.noise(), random);
        listener.progress("audio2exp", 0, mel.frames());
        MotionCoefficients motion = stages.audio2Coeff.generate(mel, portrait.coefficients(), options);
        listener.progress("audio2exp", mel.frames(), mel.frames());
        return motion;
    }

    /**
     * The final frames (rendered, pasted back in full modes, enhanced) as a lazy stream, before encoding.
     * The caller closes it.
     */
    public FrameStream frames(PreparedPortrait portrait, MotionCoefficients motion, GenerationRequest request,
                              ProgressListener listener) {
        RenderRequest render = new RenderRequest(portrait.cropped().face(), portrait.coefficients(), motion,
                portrait.cropped().cropInfo(), config.preprocess(), config.still(), request.expressionScale(),
                config.batchSize(), request.yaw(), request.pitch(), request.roll());
        FrameStream rendered = stages.renderer.render(render);
        return PostProcessedFrames.of(rendered, frame -> postProcess(frame, portrait), request.cancellation(),
                listener);
    }

    /** The whole chain to an mp4 at {@code request.output()}; returns the path written. */
    public Path generate(GenerationRequest request, ProgressListener listener) {
        if (request.output() == null) {
            throw new InvalidInputException("the request has no output path");
        }
        PreparedPortrait portrait = prepare(request, listener);
        return generate(portrait, request, listener);
    }

    /** The chain from a prepared portrait (skips detection, landmarks and 3DMM) to an mp4. */
    public Path generate(PreparedPortrait portrait, GenerationRequest request, ProgressListener listener) {
        return generate(portrait, motion(portrait, request, listener), request, listener);
    }

    /** The chain from a prepared portrait and its motion (e.g. computed once and saved) to an mp4. */
    public Path generate(PreparedPortrait portrait, MotionCoefficients motion, GenerationRequest request,
                         ProgressListener listener) {
        if (request.output() == null) {
            throw new InvalidInputException("the request has no output path");
        }
        try (FrameStream frames = frames(portrait, motion, request, listener)) {
            if (!frames.hasNext()) {
                throw new SadTalkerException("the renderer produced no frame for " + request.audio());
            }
            RgbImage first = frames.next();
            try (VideoEncoder.Sink sink = stages.encoder.open(request.output(), first.width(), first.height(), FPS,
                    request.audio())) {
                sink.write(first);
                while (frames.hasNext()) {
                    sink.write(frames.next());
                }
                request.cancellation().throwIfCancelled();
                return sink.commit();
            }
        }
    }

    private RgbImage postProcess(RgbImage frame, PreparedPortrait portrait) {
        RgbImage out = frame;
        if (config.preprocess().pastesBack()) {
            out = stages.paster.paste(out, portrait.original(), portrait.cropped().cropInfo(),
                    config.preprocess() == Preprocess.EXTFULL);
        }
        return stages.enhancer == null ? out : stages.enhancer.enhance(out);
    }

    private RgbImage firstFrame(Path portrait) {
        try (FrameStream frames = stages.videoDecoder.open(portrait)) {
            return frames.next();
        }
    }

    /** 3DMM coefficients of every frame of a reference video, cropped with the first frame's landmarks. */
    private FaceCoefficients videoCoefficients(Path video) {
        List<float[]> rows = new ArrayList<>();
        try (FrameStream frames = stages.videoDecoder.open(video)) {
            Landmarks first = null;
            while (frames.hasNext()) {
                RgbImage frame = frames.next();
                String source = "frame " + rows.size() + " of " + video;
                if (first == null) {
                    first = stages.landmarks.detect(frame, source);
                }
                CroppedFace cropped = stages.cropper.crop(frame, first, Preprocess.CROP, config.size());
                Landmarks inCrop = stages.landmarks.detect(cropped.face(), source);
                rows.add(stages.extractor.extract(cropped.face(), inCrop).coeff73());
            }
        }
        float[] all = new float[rows.size() * FaceCoefficients.WIDTH];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, all, i * FaceCoefficients.WIDTH, FaceCoefficients.WIDTH);
        }
        return new FaceCoefficients(rows.size(), all, null);
    }

    @Override
    public void close() {
        stages.close();
    }

    /** Configures and builds a pipeline; stages not given explicitly come from {@link StageProvider}s. */
    public static final class Builder {
        private Path checkpointDir;
        private int size = 256;
        private Preprocess preprocess = Preprocess.CROP;
        private boolean still;
        private int batchSize = 2;
        private String enhancerName;
        private String backgroundEnhancer;
        private String device = "cpu";
        private MediaLimits limits = MediaLimits.defaults();
        private final Stages explicit = new Stages();

        public Builder checkpoints(Path dir) { checkpointDir = dir; return this; }
        /** Model size, 256 or 512 ({@code --size}). */
        public Builder size(int v) { size = v; return this; }
        public Builder preprocess(Preprocess v) { preprocess = v; return this; }
        public Builder still(boolean v) { still = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        /** Enhancer by name ({@code gfpgan}, {@code RestoreFormer}); null for none. */
        public Builder enhancer(String name) { enhancerName = name; return this; }
        /** Background upsampler used with the face enhancer ({@code realesrgan}); null for none. */
        public Builder backgroundEnhancer(String name) { backgroundEnhancer = name; return this; }
        /** Any {@link FaceEnhancer}, e.g. the caller's own. */
        public Builder enhancer(FaceEnhancer v) { explicit.enhancer = v; return this; }
        public Builder device(String v) { device = v; return this; }
        /** Bounds on picture size, detection size and audio length ({@link MediaLimits#defaults()} if not set). */
        public Builder limits(MediaLimits v) { limits = v; return this; }
        public Builder landmarkDetector(LandmarkDetector v) { explicit.landmarks = v; return this; }
        public Builder cropper(FaceCropper v) { explicit.cropper = v; return this; }
        public Builder extractor(Face3DMMExtractor v) { explicit.extractor = v; return this; }
        public Builder audioDecoder(AudioDecoder v) { explicit.audioDecoder = v; return this; }
        public Builder melSpectrogram(MelSpectrogram v) { explicit.mel = v; return this; }
        public Builder audio2Coeff(Audio2Coeff v) { explicit.audio2Coeff = v; return this; }
        public Builder renderer(FaceRenderer v) { explicit.renderer = v; return this; }
        public Builder paster(FacePaster v) { explicit.paster = v; return this; }
        public Builder videoDecoder(VideoDecoder v) { explicit.videoDecoder = v; return this; }
        public Builder encoder(VideoEncoder v) { explicit.encoder = v; return this; }

        /** Loads every missing stage through the providers on the class path; fails early on missing models. */
        public TalkingHeadPipeline build() {
            NativeMemory.configure();
            PipelineConfig config = new PipelineConfig(checkpointDir, size, preprocess, still, batchSize,
                    enhancerName, backgroundEnhancer, device, limits);
            if (config.wantsGpu()) {
                int gpus = Engine.getEngine("PyTorch").getGpuCount();
                if (gpus == 0) {
                    throw new InvalidInputException("device '" + device + "' asked for, but libtorch sees no GPU (the"
                            + " CPU build of pytorch-native is on the class path, or no CUDA driver): use device cpu,"
                            + " or put a CUDA build of ai.djl.pytorch:pytorch-native on the class path");
                }
                if (config.torchDevice().getDeviceId() >= gpus) {
                    throw new InvalidInputException("device '" + device + "' asked for, but libtorch sees " + gpus
                            + " GPU(s), numbered from 0");
                }
            }
            Stages stages = explicit.complete(config, StageProviders.load());
            NativeMemory.trim(); // hands back what loading used and freed (weight conversions, folded layers)
            return new TalkingHeadPipeline(stages, config);
        }
    }
}
