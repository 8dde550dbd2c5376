package io.sadtalker.render;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.sadtalker.core.NativeMemory;
import io.sadtalker.core.Preprocess;
import io.sadtalker.core.SadTalkerException;
import io.sadtalker.core.config.FacerenderConfig;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.FaceRenderer;
import io.sadtalker.core.stage.FrameRange;
import io.sadtalker.core.stage.FrameStream;
import io.sadtalker.core.stage.RenderRequest;
import io.sadtalker.core.weights.SadTalkerCheckpoints;
import io.sadtalker.core.weights.SadTalkerNetwork;
import io.sadtalker.core.weights.Weights;
import io.sadtalker.render.nets.KPDetector;
import io.sadtalker.render.nets.MakeAnimation;
import io.sadtalker.render.nets.MappingNet;
import io.sadtalker.render.nets.OcclusionAwareSPADEGenerator;
import java.nio.file.Path;
import java.util.List;

/**
 * SadTalker's face renderer ({@code AnimateFromCoeff}): MappingNet, KPDetector and the SPADE generator of the
 * official checkpoints, turning a {@link RenderRequest} into a lazily rendered {@link FrameStream}.
 *
 * <p>Per request the source-only work (canonical keypoints, source keypoints, the generator's source features) is
 * done once; frames are then rendered on a worker thread in batches of {@code batchSize} consecutive frames, one
 * NDManager sub-scope per batch, into a bounded queue, so memory stays flat however long the audio is. The
 * original renders strided rows ({@code b*n + k}, see {@link FaceRenderData}); each frame depends only on its own
 * coefficient window, so consecutive batches give the same frames in their natural order. Output frames are
 * converted as {@link PredictionFrames} (crop aspect ratio) and cut to the motion's frame count.
 *
 * <p>Thread-safe: the networks are immutable, every {@link #render} call has its own worker and memory scope.
 */
public final class SadTalkerFaceRenderer implements FaceRenderer, AutoCloseable {
    private static final int TRIM_EVERY = 100;
    private final NDManager manager;
    private final MakeAnimation animation;
    private final int size;
    private final int coeffNc;

    /**
     * Wraps loaded networks. {@code manager} holds their weights and becomes owned by the renderer (closed by
     * {@link #close()}); {@code coeffNc} is MappingNet's input width (70, or 73 for mapping_00109).
     */
    public SadTalkerFaceRenderer(NDManager manager, MakeAnimation animation, int size, int coeffNc) {
        this.manager = manager;
        this.animation = animation;
        this.size = size;
        this.coeffNc = coeffNc;
    }

    /**
     * Loads the renderer for model {@code size} (256 or 512) and {@code preprocess} mode from the official files in
     * {@code checkpointDir}, chosen as the original's {@code init_path} ({@link SadTalkerCheckpoints#in}).
     */
    public static SadTalkerFaceRenderer load(Path checkpointDir, int size, Preprocess preprocess) {
        return load(SadTalkerCheckpoints.in(checkpointDir, size, false), size, preprocess, Device.cpu());
    }

    /**
     * Loads KPDetector and the generator ({@code kp_extractor.}, {@code generator.} of the safetensors file, or
     * the legacy {@code facevid2vid_00189-model.pth.tar}) and the MappingNet of {@code preprocess} from
     * {@code files}, on {@code device}, for model {@code size} (256 or 512); closes {@code files}.
     */
    public static SadTalkerFaceRenderer load(SadTalkerCheckpoints files, int size, Preprocess preprocess,
                                             Device device) {
        if (size != 256 && size != 512) {
            throw new IllegalArgumentException("size must be 256 or 512, got " + size);
        }
        NDManager manager = NDManager.newBaseManager(device, "PyTorch");
        try (files) {
            return load(manager, files.weights(SadTalkerNetwork.KP_EXTRACTOR, manager),
                    files.weights(SadTalkerNetwork.GENERATOR, manager), files.mappingWeights(preprocess, manager),
                    size, preprocess.pastesBack());
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Binds the networks from {@code kpDetector} and {@code generator} (their state dicts) and {@code mapping} (the
     * state dict of a mapping file); the weights must live in {@code manager}, which the renderer then owns.
     */
    public static SadTalkerFaceRenderer load(NDManager manager, Weights kpDetector, Weights generator,
                                             Weights mapping, int size, boolean full) {
        NativeMemory.configure();
        FacerenderConfig config = full ? FacerenderConfig.FACERENDER_STILL : FacerenderConfig.FACERENDER;
        KPDetector kp = kpDetector.bind(w -> KPDetector.load(w, config));
        OcclusionAwareSPADEGenerator net = generator.bind(w -> OcclusionAwareSPADEGenerator.load(w, config));
        MappingNet mappingNet = mapping.bind(w -> MappingNet.load(w, config.mappingParams()));
        return new SadTalkerFaceRenderer(manager, new MakeAnimation(kp, mappingNet, net), size,
                config.mappingParams().coeffNc());
    }

    @Override
    public FrameStream render(RenderRequest request) {
        requireComplete(request);
        return render(request, FrameRange.all(request.motion().frames()));
    }

    /** Renders only the batches that hold the range's frames: each frame depends only on its own window. */
    @Override
    public FrameStream render(RenderRequest request, FrameRange range) {
        requireComplete(request);
        FaceRenderData data = FaceRenderData.create(request, size);
        if (data.semanticWidth() != coeffNc) {
            throw new SadTalkerException("preprocess '" + request.preprocess().cliName() + "' feeds "
                    + data.semanticWidth() + " coefficients but this renderer's MappingNet takes " + coeffNc
                    + " (load it for the same preprocess mode)");
        }
        range.checkWithin(data.frameNum());
        PredictionFrames.frameSize(request.cropInfo(), size);
        NDManager scope = manager.newSubManager();
        MakeAnimation.Source source;
        try {
            NDArray image = data.sourceImage(scope).get(new NDIndex("0:1"));
            NDArray semantics = data.sourceSemantics(scope).get(new NDIndex("0:1"));
            source = animation.prepare(image, semantics);
        } catch (RuntimeException e) {
            scope.close();
            throw e;
        }
        return RenderedFrames.start(data.frameNum(), range, data.batchSize(),
                (from, count) -> renderBatch(data, source, scope, request, from, count),
                () -> {
                    source.close();
                    scope.close();
                });
    }

    private static void requireComplete(RenderRequest request) {
        if (request.sourceFace() == null || request.sourceCoefficients() == null || request.motion() == null
                || request.preprocess() == null) {
            throw new SadTalkerException("a render request needs a source face, its coefficients, motion and a"
                    + " preprocess mode");
        }
    }

    private List<RgbImage> renderBatch(FaceRenderData data, MakeAnimation.Source source, NDManager parent,
                                       RenderRequest request, int from, int count) {
        List<RgbImage> frames;
        try (NDManager batch = parent.newSubManager()) {
            NDArray prediction = animation.frame(source, data.targetSemantics(from, count, batch),
                    data.yaw(from, count, batch), data.pitch(from, count, batch), data.roll(from, count, batch));
            frames = PredictionFrames.toFrames(prediction, request.cropInfo(), size);
        }
        if (trimDue(from, count)) {
            NativeMemory.trim();
        }
        return frames;
    }

    /**
     * Whether the allocator's free memory is handed back ({@link NativeMemory#trim()}) after the batch of
     * {@code count} frames from {@code from}: after the first batch (what loading, preparing the source and the first
     * frame used beyond a frame's working set: loading the 256 renderer peaks ~2 GB above what it keeps) and whenever
     * a batch completes a multiple of {@value #TRIM_EVERY} frames, so that fragmentation cannot make a long render's
     * resident memory creep up (a trim and faulting the next frame's memory in again cost far less than a frame).
     */
    static boolean trimDue(int from, int count) {
        return from == 0 || (from + count) / TRIM_EVERY > from / TRIM_EVERY;
    }

    /** The model size, 256 or 512. */
    public int size() {
        return size;
    }

    @Override
    public void close() {
        manager.close();
    }
}
