package io.sadtalker.core.pipeline;

import io.sadtalker.core.CancellationToken;
import io.sadtalker.core.InvalidInputException;
import io.sadtalker.core.SadTalkerException;
import io.sadtalker.core.stage.Audio2Coeff;
import io.sadtalker.core.stage.AudioDecoder;
import io.sadtalker.core.stage.Face3DMMExtractor;
import io.sadtalker.core.stage.FaceCropper;
import io.sadtalker.core.stage.FaceDetector;
import io.sadtalker.core.stage.FaceEnhancer;
import io.sadtalker.core.stage.FacePaster;
import io.sadtalker.core.stage.FaceRenderer;
import io.sadtalker.core.stage.LandmarkDetector;
import io.sadtalker.core.stage.MelSpectrogram;
import io.sadtalker.core.stage.VideoDecoder;
import io.sadtalker.core.stage.VideoEncoder;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stage instances of one pipeline and the face detector they share; closes those it created itself (each once),
 * never those the caller passed in.
 */
final class Stages implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Stages.class);
    LandmarkDetector landmarks;
    FaceCropper cropper;
    Face3DMMExtractor extractor;
    AudioDecoder audioDecoder;
    MelSpectrogram mel;
    Audio2Coeff audio2Coeff;
    FaceRenderer renderer;
    FacePaster paster;
    FaceEnhancer enhancer;
    FaceDetector faceDetector;
    VideoDecoder videoDecoder;
    VideoEncoder encoder;
    private final List<Object> owned = new ArrayList<>();

    /**
     * A copy of these explicit stages with every missing one created by {@code providers}; the face detector is
     * created only when a stage asks for it ({@link StageContext#faceDetector()}), once. Enhancer names are checked
     * against the providers' before anything loads; {@code cancellation} is checked before each stage is created
     * (what was created is then closed).
     */
    Stages complete(PipelineConfig config, StageProviders providers, CancellationToken cancellation) {
        if (enhancer == null && config.enhancer() != null) {
            requireNamed("face enhancer", config.enhancer(), providers.enhancers(),
                    "; pass your own with builder().enhancer(...)");
            if (config.backgroundEnhancer() != null) {
                requireNamed("background enhancer", config.backgroundEnhancer(), providers.backgroundEnhancers(), "");
            }
        }
        Stages s = new Stages();
        try {
            StageContext context = new StageContext(config,
                    () -> s.sharedFaceDetector(faceDetector, config, providers, cancellation));
            s.landmarks = s.orCreate(landmarks, LandmarkDetector.class, context, providers, cancellation);
            s.cropper = s.orCreate(cropper, FaceCropper.class, context, providers, cancellation);
            s.extractor = s.orCreate(extractor, Face3DMMExtractor.class, context, providers, cancellation);
            s.audioDecoder = s.orCreate(audioDecoder, AudioDecoder.class, context, providers, cancellation);
            s.mel = s.orCreate(mel, MelSpectrogram.class, context, providers, cancellation);
            s.audio2Coeff = s.orCreate(audio2Coeff, Audio2Coeff.class, context, providers, cancellation);
            s.renderer = s.orCreate(renderer, FaceRenderer.class, context, providers, cancellation);
            s.paster = s.orCreate(paster, FacePaster.class, context, providers, cancellation);
            s.videoDecoder = s.orCreate(videoDecoder, VideoDecoder.class, context, providers, cancellation);
            s.encoder = s.orCreate(encoder, VideoEncoder.class, context, providers, cancellation);
            s.enhancer = enhancer;
            if (s.enhancer == null && config.enhancer() != null) {
                s.enhancer = s.orCreate(null, FaceEnhancer.class, context, providers, cancellation);
            }
            cancellation.throwIfCancelled();
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private static void requireNamed(String what, String name, List<String> served, String remedy) {
        if (!StageProviders.serves(served, name)) {
            throw new InvalidInputException("no " + what + " named '" + name + "' on the class path (the stage"
                    + " modules there offer: " + (served.isEmpty() ? "none" : String.join(", ", served)) + ")"
                    + remedy);
        }
    }

    /** The given detector, else the providers' one, created on the first call; the stages share it. */
    private FaceDetector sharedFaceDetector(FaceDetector given, PipelineConfig config, StageProviders providers,
                                            CancellationToken cancellation) {
        if (faceDetector == null) {
            FaceDetector made = orCreate(given, FaceDetector.class, new StageContext(config, () -> {
                throw new IllegalStateException("the face detector's provider asked for the face detector");
            }), providers, cancellation);
            faceDetector = made::detect;
        }
        return faceDetector;
    }

    private <T> T orCreate(T given, Class<T> stage, StageContext context, StageProviders providers,
                           CancellationToken cancellation) {
        if (given != null) {
            return given;
        }
        cancellation.throwIfCancelled();
        T made = providers.create(stage, context);
        if (made == null) {
            throw new SadTalkerException("no implementation of " + stage.getSimpleName()
                    + " on the class path: add the stage module (sadtalker-preprocess, -audio, -render, -enhance)"
                    + " or pass one to the builder");
        }
        owned.add(made);
        LOG.info("{}: {} from {}", stage.getSimpleName(), made.getClass().getName(), codeSource(made.getClass()));
        return made;
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (Object o : owned) {
            if (o instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    if (failure == null) {
                        failure = new SadTalkerException("failed to close " + o.getClass().getSimpleName(), e);
                    }
                }
            }
        }
        owned.clear();
        if (failure != null) {
            throw failure;
        }
    }

    private static Object codeSource(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null ? "the platform" : source.getLocation();
    }
}
