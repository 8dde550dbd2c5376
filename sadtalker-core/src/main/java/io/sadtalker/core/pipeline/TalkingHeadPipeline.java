package io.sadtalker.core.pipeline;

import ai.djl.engine.Engine;
import io.sadtalker.core.CancellationToken;
import io.sadtalker.core.CancelledException;
import io.sadtalker.core.InvalidInputException;
import io.sadtalker.core.FaceCoefficients;
import io.sadtalker.core.Landmarks;
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
 * with the audio length.
 *
 * <p>Safe for concurrent calls when its stages are (the default ones are): each call has its own memory scopes and
 * random generators seeded from its request, so N threads get exactly what N sequential calls would. At most
 * {@link Builder#maxConcurrentRenders} frame streams run at once (each holds the renderer's working set, ~1 GB at
 * 256); further callers wait for a slot. Cancellation ({@link GenerationRequest#cancellation()}) is checked at every
 * stage boundary, per Audio2Coeff chunk, per reference-video frame and per rendered frame, so a cancelled call ends
 * with {@link CancelledException} within about one render batch. {@link #close()} cancels the running calls (they
 * end with {@link CancelledException}), waits until they have returned, then frees the models.
 */
public final class TalkingHeadPipeline implements AutoCloseable {
    private static final double FPS = 25.0;

    private final Stages stages;
    private final PipelineConfig config;
    private final RenderSlots renderSlots;
    private final OpenCalls calls = new OpenCalls();

    private TalkingHeadPipeline(Stages stages, PipelineConfig config, int maxConcurrentRenders) {
        this.stages = stages;
        this.config = config;
        this.renderSlots = new RenderSlots(maxConcurrentRenders);
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
        try (OpenCalls.Call call = calls.open(request.cancellation())) {
            return prepare(request, listener, call.token());
        }
    }

    /** Preprocesses a portrait picture; {@code landmarks}/{@code cropLandmarks} may be null (detected). */
    public PreparedPortrait prepare(RgbImage original, Landmarks landmarks, Landmarks cropLandmarks,
                                    ProgressListener listener) {
        try (OpenCalls.Call call = calls.open(new CancellationToken())) {
            return prepare(original, "the portrait", landmarks, cropLandmarks, listener, call.token());
        }
    }

    private PreparedPortrait prepare(GenerationRequest request, ProgressListener listener, CancellationToken token) {
        if (request.portrait() == null) {
            throw new InvalidInputException("the request has no portrait");
        }
        token.throwIfCancelled();
        RgbImage original = firstFrame(request.portrait());
        return prepare(original, request.portrait().toString(), request.landmarks(), request.cropLandmarks(),
                listener, token);
    }

    private PreparedPortrait prepare(RgbImage original, String source, Landmarks landmarks, Landmarks cropLandmarks,
                                     ProgressListener listener, CancellationToken token) {
        token.throwIfCancelled();
        listener.progress("landmark Det", 0, 1);
        Landmarks full = landmarks != null ? landmarks : stages.landmarks.detect(original, source);
        token.throwIfCancelled();
        CroppedFace cropped = stages.cropper.crop(original, full, config.preprocess(), config.size());
        token.throwIfCancelled();
        Landmarks inCrop = cropLandmarks != null ? cropLandmarks
                : stages.landmarks.detect(cropped.face(), "the face cropped from " + source);
        listener.progress("landmark Det", 1, 1);
        token.throwIfCancelled();
        listener.progress("3DMM Extraction", 0, 1);
        FaceCoefficients coefficients = stages.extractor.extract(cropped.face(), inCrop);
        listener.progress("3DMM Extraction", 1, 1);
        token.throwIfCancelled();
        return new PreparedPortrait(original, full, cropped, inCrop, coefficients, config.preprocess(),
                config.size());
    }

    /** Audio-driven motion for a prepared portrait (mel, Audio2Exp, Audio2Pose, blink, reference videos). */
    public MotionCoefficients motion(PreparedPortrait portrait, GenerationRequest request, ProgressListener listener) {
        try (OpenCalls.Call call = calls.open(request.cancellation())) {
            return motion(portrait, request, listener, call.token());
        }
    }

    private MotionCoefficients motion(PreparedPortrait portrait, GenerationRequest request, ProgressListener listener,
                                      CancellationToken token) {
        token.throwIfCancelled();
        listener.progress("mel", 0, 1);
        float[] samples = stages.audioDecoder.decode16k(request.audio());
        token.throwIfCancelled();
        MelWindows mel = stages.mel.windows(samples);
        listener.progress("mel", 1, 1);
        Random random = new Random(request.seed());
        FaceCoefficients refBlink = request.refEyeBlink() == null ? null
                : videoCoefficients(request.refEyeBlink(), token);
        FaceCoefficients refPose = request.refPose() == null ? null : videoCoefficients(request.refPose(), token);
        token.throwIfCancelled();
        Audio2CoeffOptions options = new Audio2CoeffOptions(request.poseStyle(), refBlink, refPose,
                request.blinkRatio(), request.noise(), random, token);
        listener.progress("audio2exp", 0, mel.frames());
        MotionCoefficients motion = stages.audio2Coeff.generate(mel, portrait.coefficients(), options);
        listener.progress("audio2exp", mel.frames(), mel.frames());
        token.throwIfCancelled();
        return motion;
    }

    /**
     * The final frames (rendered, pasted back in full modes, enhanced) as a lazy stream, before encoding; the caller
     * closes it. Waits for a render slot ({@link Builder#maxConcurrentRenders}), held until the last frame is
     * produced or the stream is closed (a thread holding an open stream must not wait for another slot).
     */
    public FrameStream frames(PreparedPortrait portrait, MotionCoefficients motion, GenerationRequest request,
                              ProgressListener listener) {
        OpenCalls.Call call = calls.open(request.cancellation());
        try {
            return frames(portrait, motion, request, listener, call.token(), call::close);
        } catch (RuntimeException | Error e) {
            call.close();
            throw e;
        }
    }

    /** The frame stream; {@code onEnd} runs once it has stopped (not when this method throws). */
    private FrameStream frames(PreparedPortrait portrait, MotionCoefficients motion, GenerationRequest request,
                               ProgressListener listener, CancellationToken token, Runnable onEnd) {
        RenderRequest render = new RenderRequest(portrait.cropped().face(), portrait.coefficients(), motion,
                portrait.cropped().cropInfo(), config.preprocess(), config.still(), request.expressionScale(),
                config.batchSize(), request.yaw(), request.pitch(), request.roll());
        renderSlots.acquire(token);
        FrameStream rendered;
        try {
            token.throwIfCancelled();
            rendered = stages.renderer.render(render);
        } catch (RuntimeException | Error e) {
            renderSlots.release();
            throw e;
        }
        Random enhancerSeeds = new Random(request.seed());
        return PostProcessedFrames.of(rendered, frame -> postProcess(frame, portrait, enhancerSeeds.nextLong()),
                token, listener, () -> {
                    renderSlots.release();
                    onEnd.run();
                });
    }

    /** The whole chain to an mp4 at {@code request.output()}; returns the path written. */
    public Path generate(GenerationRequest request, ProgressListener listener) {
        try (OpenCalls.Call call = calls.open(request.cancellation())) {
            requireOutput(request);
            PreparedPortrait portrait = prepare(request, listener, call.token());
            return encode(portrait, motion(portrait, request, listener, call.token()), request, listener,
                    call.token());
        }
    }

    /** The chain from a prepared portrait (skips detection, landmarks and 3DMM) to an mp4. */
    public Path generate(PreparedPortrait portrait, GenerationRequest request, ProgressListener listener) {
        try (OpenCalls.Call call = calls.open(request.cancellation())) {
            requireOutput(request);
            return encode(portrait, motion(portrait, request, listener, call.token()), request, listener,
                    call.token());
        }
    }

    /** The chain from a prepared portrait and its motion (e.g. computed once and saved) to an mp4. */
    public Path generate(PreparedPortrait portrait, MotionCoefficients motion, GenerationRequest request,
                         ProgressListener listener) {
        try (OpenCalls.Call call = calls.open(request.cancellation())) {
            requireOutput(request);
            return encode(portrait, motion, request, listener, call.token());
        }
    }

    private static void requireOutput(GenerationRequest request) {
        if (request.output() == null) {
            throw new InvalidInputException("the request has no output path");
        }
    }

    private Path encode(PreparedPortrait portrait, MotionCoefficients motion, GenerationRequest request,
                        ProgressListener listener, CancellationToken token) {
        try (FrameStream frames = frames(portrait, motion, request, listener, token, () -> { })) {
            if (!frames.hasNext()) {
                throw new SadTalkerException("the renderer produced no frame for " + request.audio());
            }
            RgbImage first = frames.next();
            try (VideoEncoder.Sink sink = stages.encoder.open(request.output(), first.width(), first.height(), FPS,
                    request.audio())) {
                for (RgbImage frame = first; frame != null; frame = frames.hasNext() ? frames.next() : null) {
                    token.throwIfCancelled();
                    sink.write(frame);
                }
                token.throwIfCancelled();
                return sink.commit();
            }
        }
    }

    /** Paste-back (full modes) and enhancement of one frame; {@code seed} seeds the enhancer's random draws. */
    private RgbImage postProcess(RgbImage frame, PreparedPortrait portrait, long seed) {
        RgbImage out = frame;
        if (config.preprocess().pastesBack()) {
            out = stages.paster.paste(out, portrait.original(), portrait.cropped().cropInfo(),
                    config.preprocess() == Preprocess.EXTFULL);
        }
        return stages.enhancer == null ? out : stages.enhancer.enhance(out, seed);
    }

    private RgbImage firstFrame(Path portrait) {
        try (FrameStream frames = stages.videoDecoder.open(portrait)) {
            return frames.next();
        }
    }

    /** 3DMM coefficients of every frame of a reference video, cropped with the first frame's landmarks. */
    private FaceCoefficients videoCoefficients(Path video, CancellationToken token) {
        List<float[]> rows = new ArrayList<>();
        try (FrameStream frames = stages.videoDecoder.open(video)) {
            Landmarks first = null;
            while (frames.hasNext()) {
                token.throwIfCancelled();
                RgbImage frame = frames.next();
                token.throwIfCancelled();
                String source = "frame " + rows.size() + " of " + video;
                if (first == null) {
                    first = stages.landmarks.detect(frame, source);
                    token.throwIfCancelled();
                }
                CroppedFace cropped = stages.cropper.crop(frame, first, Preprocess.CROP, config.size());
                token.throwIfCancelled();
                Landmarks inCrop = stages.landmarks.detect(cropped.face(), source);
                token.throwIfCancelled();
                rows.add(stages.extractor.extract(cropped.face(), inCrop).coeff73());
            }
        }
        float[] all = new float[rows.size() * FaceCoefficients.WIDTH];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, all, i * FaceCoefficients.WIDTH, FaceCoefficients.WIDTH);
        }
        return new FaceCoefficients(rows.size(), all, null);
    }

    /**
     * Cancels the calls running on this pipeline (they end with {@link CancelledException} at their next check),
     * waits until they have returned and their frame streams are closed, then frees the models. Later calls fail
     * with {@link IllegalStateException}.
     */
    @Override
    public void close() {
        calls.closeAndAwait();
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
        private int maxConcurrentRenders = 1;
        private CancellationToken cancellation = new CancellationToken();
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
        /**
         * How many frame streams (render, paste-back, enhancement) may run at once, default 1: each holds the
         * renderer's working set (~1 GB of native memory at 256, more at 512 or with an enhancer), and on a CPU one
         * render already uses every core. Other callers wait (cancellably); preparation and motion do not.
         */
        public Builder maxConcurrentRenders(int v) { maxConcurrentRenders = v; return this; }
        /** Cancels {@link #build()} between two stage loads (with {@link CancelledException}, nothing left open). */
        public Builder cancellation(CancellationToken v) { cancellation = v; return this; }
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
            if (maxConcurrentRenders <= 0) {
                throw new InvalidInputException("max concurrent renders must be positive, got " + maxConcurrentRenders);
            }
            NativeMemory.configure();
            PipelineConfig config = new PipelineConfig(checkpointDir, size, preprocess, still, batchSize,
                    enhancerName, backgroundEnhancer, device);
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
            Stages stages = explicit.complete(config, StageProviders.load(), cancellation);
            NativeMemory.trim(); // hands back what loading used and freed (weight conversions, folded layers)
            return new TalkingHeadPipeline(stages, config, maxConcurrentRenders);
        }
    }
}
