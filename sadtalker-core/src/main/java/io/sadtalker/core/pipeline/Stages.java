package io.sadtalker.core.pipeline;

import io.sadtalker.core.CancellationToken;
import io.sadtalker.core.InvalidInputException;
import io.sadtalker.core.SadTalkerException;
import io.sadtalker.core.stage.Audio2Coeff;
import io.sadtalker.core.stage.AudioDecoder;
import io.sadtalker.core.stage.Face3DMMExtractor;
import io.sadtalker.core.stage.FaceCropper;
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

/** The stage instances of one pipeline; closes those it created itself, never those the caller passed in. */
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
    VideoDecoder videoDecoder;
    VideoEncoder encoder;
    private final List<Object> owned = new ArrayList<>();

    /**
     * A copy of these explicit stages with every missing one created by {@code providers}; {@code cancellation} is
     * checked before each stage is created (what was created is then closed).
     */
    Stages complete(PipelineConfig config, StageProviders providers, CancellationToken cancellation) {
        Stages s = new Stages();
        try {
            s.landmarks = s.orCreate(landmarks, LandmarkDetector.class, config, providers, cancellation);
            s.cropper = s.orCreate(cropper, FaceCropper.class, config, providers, cancellation);
            s.extractor = s.orCreate(extractor, Face3DMMExtractor.class, config, providers, cancellation);
            s.audioDecoder = s.orCreate(audioDecoder, AudioDecoder.class, config, providers, cancellation);
            s.mel = s.orCreate(mel, MelSpectrogram.class, config, providers, cancellation);
            s.audio2Coeff = s.orCreate(audio2Coeff, Audio2Coeff.class, config, providers, cancellation);
            s.renderer = s.orCreate(renderer, FaceRenderer.class, config, providers, cancellation);
            s.paster = s.orCreate(paster, FacePaster.class, config, providers, cancellation);
            s.videoDecoder = s.orCreate(videoDecoder, VideoDecoder.class, config, providers, cancellation);
            s.encoder = s.orCreate(encoder, VideoEncoder.class, config, providers, cancellation);
            s.enhancer = enhancer;
            if (s.enhancer == null && config.enhancer() != null) {
                s.enhancer = s.orCreate(null, FaceEnhancer.class, config, providers, cancellation);
            }
            cancellation.throwIfCancelled();
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private <T> T orCreate(T given, Class<T> stage, PipelineConfig config, StageProviders providers,
                           CancellationToken cancellation) {
        if (given != null) {
            return given;
        }
        cancellation.throwIfCancelled();
        T made = providers.create(stage, config);
        if (made == null && stage == FaceEnhancer.class) {
            throw new InvalidInputException("no face enhancer named '" + config.enhancer() + "' on the class path"
                    + " (sadtalker-enhance offers gfpgan and RestoreFormer); pass your own with builder().enhancer(...)");
        }
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
