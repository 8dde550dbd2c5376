package io.sadtalker.core.pipeline;

import ai.djl.engine.Engine;
import io.sadtalker.core.CancellationToken;
import io.sadtalker.core.CancelledException;
import io.sadtalker.core.InvalidInputException;
import io.sadtalker.core.MediaException;
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
import io.sadtalker.core.stage.Face3DMMExtractor;
import io.sadtalker.core.stage.FaceCropper;
import io.sadtalker.core.stage.FaceDetector;
import io.sadtalker.core.stage.FaceEnhancer;
import io.sadtalker.core.stage.FacePaster;
import io.sadtalker.core.stage.FaceRenderer;
import io.sadtalker.core.stage.FrameRange;
import io.sadtalker.core.stage.FrameStream;
import io.sadtalker.core.stage.LandmarkDetector;
import io.sadtalker.core.stage.MelSpectrogram;
import io.sadtalker.core.stage.RenderRequest;
import io.sadtalker.core.stage.VideoDecoder;
import io.sadtalker.core.stage.VideoEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private static final Logger LOG = LoggerFactory.getLogger(TalkingHeadPipeline.class);

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
        if (request.portraitImage() != null) {
            return prepare(request.portraitImage(), "the portrait", request.landmarks(), request.cropLandmarks(),
                    listener, token);
        }
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
        long start = System.nanoTime();
        PreparedPortrait prepared = new CropAndExtract(stages, token).portrait(original, source, landmarks,
                cropLandmarks, config.preprocess(), config.size(), listener);
        LOG.debug("landmarks, crop and 3DMM {} ms", millisSince(start, System.nanoTime()));
        return prepared;
    }

    /** Audio-driven motion for a prepared portrait (mel, Audio2Exp, Audio2Pose, blink, reference videos). */
    public MotionCoefficients motion(PreparedPortrait portrait, GenerationRequest request, ProgressListener listener) {
        if (request.audioData() != null) {
            return withAudioFile(request, r -> motion(portrait, r, listener));
        }
        try (OpenCalls.Call call = calls.open(request.cancellation())) {
            return motion(portrait, request, listener, call.token());
        }
    }

    private MotionCoefficients motion(PreparedPortrait portrait, GenerationRequest request, ProgressListener listener,
                                      CancellationToken token) {
        token.throwIfCancelled();
        long start = System.nanoTime();
        listener.progress("mel", 0, 1);
        float[] samples = stages.audioDecoder.decode16k(request.audio());
        token.throwIfCancelled();
        MelWindows mel = stages.mel.windows(samples);
        listener.progress("mel", 1, 1);
        long melDone = System.nanoTime();
        Random random = new Random(request.seed());
        CropAndExtract reference = new CropAndExtract(stages, token);
        FaceCoefficients refBlink = request.refEyeBlink() == null ? null
                : reference.video(request.refEyeBlink(), config.preprocess(), listener);
        FaceCoefficients refPose = request.refPose() == null ? null
                : reference.video(request.refPose(), config.preprocess(), listener);
        token.throwIfCancelled();
        Audio2CoeffOptions options = new Audio2CoeffOptions(request.poseStyle(), refBlink, refPose,
                request.blinkRatio(), request.noise(), random, token);
        listener.progress("audio2exp", 0, mel.frames());
        MotionCoefficients motion = stages.audio2Coeff.generate(mel, portrait.coefficients(), options);
        listener.progress("audio2exp", mel.frames(), mel.frames());
        LOG.debug("audio decoding and mel {} ms, Audio2Coeff {} ms ({} frames)", millisSince(start, melDone),
                millisSince(melDone, System.nanoTime()), mel.frames());
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
        return frames(portrait, motion, request, FrameRange.all(motion.frames()), listener);
    }

    /**
     * The frames of {@code range} out of {@link #frames(PreparedPortrait, MotionCoefficients, GenerationRequest,
     * ProgressListener)}, exactly those: a video rendered in parts (e.g. one range per machine) and joined in order
     * equals the whole one. The caller closes it.
     */
    public FrameStream frames(PreparedPortrait portrait, MotionCoefficients motion, GenerationRequest request,
                              FrameRange range, ProgressListener listener) {
        OpenCalls.Call call = calls.open(request.cancellation());
        try {
            return frames(portrait, motion, request, range, listener, call.token(), call::close);
        } catch (RuntimeException | Error e) {
            call.close();
            throw e;
        }
    }

    /** The frame stream; {@code onEnd} runs once it has stopped (not when this method throws). */
    private FrameStream frames(PreparedPortrait portrait, MotionCoefficients motion, GenerationRequest request,
                               FrameRange range, ProgressListener listener, CancellationToken token,
                               Runnable onEnd) {
        RenderRequest render = new RenderRequest(portrait.cropped().face(), portrait.coefficients(), motion,
                portrait.cropped().cropInfo(), config.preprocess(), config.still(), request.expressionScale(),
                config.batchSize(), request.yaw(), request.pitch(), request.roll());
        renderSlots.acquire(token);
        FrameStream rendered;
        try {
            token.throwIfCancelled();
            rendered = stages.renderer.render(render, range);
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
        if (request.audioData() != null) {
            return withAudioFile(request, r -> generate(r, listener));
        }
        try (OpenCalls.Call call = calls.open(request.cancellation())) {
            requireOutput(request);
            PreparedPortrait portrait = prepare(request, listener, call.token());
            return encode(portrait, motion(portrait, request, listener, call.token()), request, listener,
                    call.token());
        }
    }

    /**
     * The whole chain, writing the mp4 to {@code out} ({@code request.output()} is not used). The video is finished
     * in a temporary file first (mp4 needs its index written last) and then copied to {@code out}, which stays open.
     */
    public void generate(GenerationRequest request, OutputStream out, ProgressListener listener) {
        Path dir = temporaryDirectory();
        try {
            Path video = generate(request.withOutput(dir.resolve("video.mp4")), listener);
            Files.copy(video, out);
        } catch (IOException e) {
            throw new MediaException("cannot write the video to the output stream: " + e.getMessage(), e);
        } finally {
            deleteTree(dir);
        }
    }

    /** The chain from a prepared portrait (skips detection, landmarks and 3DMM) to an mp4. */
    public Path generate(PreparedPortrait portrait, GenerationRequest request, ProgressListener listener) {
        if (request.audioData() != null) {
            return withAudioFile(request, r -> generate(portrait, r, listener));
        }
        try (OpenCalls.Call call = calls.open(request.cancellation())) {
            requireOutput(request);
            return encode(portrait, motion(portrait, request, listener, call.token()), request, listener,
                    call.token());
        }
    }

    /** The chain from a prepared portrait and its motion (e.g. computed once and saved) to an mp4. */
    public Path generate(PreparedPortrait portrait, MotionCoefficients motion, GenerationRequest request,
                         ProgressListener listener) {
        if (request.audioData() != null) {
            return withAudioFile(request, r -> generate(portrait, motion, r, listener));
        }
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
        long start = System.nanoTime();
        try (FrameStream frames = frames(portrait, motion, request, FrameRange.all(motion.frames()), listener, token,
                () -> { })) {
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
                Path written = sink.commit();
                LOG.debug("render, paste-back, enhance and encode {} ms for {} frames", millisSince(start,
                        System.nanoTime()), motion.frames());
                return written;
            }
        }
    }

    /** Runs {@code body} with the request's in-memory audio written to a temporary file, deleted afterwards. */
    private static <T> T withAudioFile(GenerationRequest request, Function<GenerationRequest, T> body) {
        Path dir = temporaryDirectory();
        try {
            Path file = dir.resolve("in-memory-audio"); // the name decoding errors show
            request.audioData().writeTo(file);
            return body.apply(request.withAudio(file));
        } finally {
            deleteTree(dir);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("sadtalker-");
        } catch (IOException e) {
            throw new MediaException("cannot create a temporary folder: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("cannot delete the temporary folder {}: {}", dir, e.toString());
        }
    }

    private static long millisSince(long startNanos, long endNanos) {
        return (endNanos - startNanos) / 1_000_000;
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
        private boolean oldVersion;
        private int maxConcurrentRenders = 1;
        private CancellationToken cancellation = new CancellationToken();
        private MediaLimits limits = MediaLimits.defaults();
        private final Stages explicit = new Stages();

        public Builder checkpoints(Path dir) { checkpointDir = dir; return this; }
        /** Model size, 256 or 512 ({@code --size}). */
        public Builder size(int v) { size = v; return this; }
        public Builder preprocess(Preprocess v) { preprocess = v; return this; }
        public Builder still(boolean v) { still = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        /**
         * Face enhancer by name, one a {@link StageProvider} on the class path serves (sadtalker-enhance:
         * {@code gfpgan}, {@code RestoreFormer}); null for none. An unknown name fails {@link #build()} before any
         * model loads.
         */
        public Builder enhancer(String name) { enhancerName = name; return this; }
        /** Background upsampler used with a named face enhancer (sadtalker-enhance: {@code realesrgan}); null for none. */
        public Builder backgroundEnhancer(String name) { backgroundEnhancer = name; return this; }
        /** Any {@link FaceEnhancer}, e.g. the caller's own. */
        public Builder enhancer(FaceEnhancer v) { explicit.enhancer = v; return this; }
        public Builder device(String v) { device = v; return this; }
        /**
         * Loads the legacy SadTalker checkpoints ({@code --old_version}: {@code epoch_20.pth},
         * {@code auido2exp_00300-model.pth}, {@code auido2pose_00140-model.pth},
         * {@code facevid2vid_00189-model.pth.tar}) instead of the safetensors file; they are also used, as by the
         * original, when the checkpoint directory holds no {@code .safetensors} file.
         */
        public Builder oldVersion(boolean v) { oldVersion = v; return this; }
        /**
         * How many frame streams (render, paste-back, enhancement) may run at once, default 1: each holds the
         * renderer's working set (~1 GB of native memory at 256, more at 512 or with an enhancer), and on a CPU one
         * render already uses every core. Other callers wait (cancellably); preparation and motion do not.
         */
        public Builder maxConcurrentRenders(int v) { maxConcurrentRenders = v; return this; }
        /** Cancels {@link #build()} between two stage loads (with {@link CancelledException}, nothing left open). */
        public Builder cancellation(CancellationToken v) { cancellation = v; return this; }
        /** Bounds on picture size, detection size and audio length ({@link MediaLimits#defaults()} if not set). */
        public Builder limits(MediaLimits v) { limits = v; return this; }
        /**
         * The face detector the default landmark detector and face enhancer share, e.g. preprocess's
         * {@code BlazeFaceDetector}; the caller closes it after the pipeline. Without one, the providers' default
         * (sadtalker-preprocess: RetinaFace from {@code detection_Resnet50_Final.pth}) is loaded once when a stage
         * needs it and closed with the pipeline.
         */
        public Builder faceDetector(FaceDetector v) { explicit.faceDetector = v; return this; }
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
                    enhancerName, backgroundEnhancer, device, oldVersion, limits);
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
            LOG.info("loading the pipeline: size {}, preprocess {}, device {}, checkpoints {}", size, preprocess,
                    device, checkpointDir);
            Stages stages = explicit.complete(config, StageProviders.load(), cancellation);
            NativeMemory.trim(); // hands back what loading used and freed (weight conversions, folded layers)
            return new TalkingHeadPipeline(stages, config, maxConcurrentRenders);
        }
    }
}
