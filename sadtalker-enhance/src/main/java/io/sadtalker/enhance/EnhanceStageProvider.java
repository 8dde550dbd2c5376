package io.sadtalker.enhance;

import io.sadtalker.core.InvalidInputException;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.pipeline.PipelineConfig;
import io.sadtalker.core.pipeline.StageContext;
import io.sadtalker.core.pipeline.StageProvider;
import io.sadtalker.core.stage.FaceDetector;
import io.sadtalker.core.stage.FaceEnhancer;
import io.sadtalker.enhance.realesrgan.RealESRGANBackground;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Default face enhancers, as SadTalker's face_enhancer builds GFPGANer: {@link GFPGANer} with GFPGANv1Clean for
 * {@code enhancer = "gfpgan"} ({@code GFPGANv1.4.pth}, with the original's fresh noise per face, drawn from
 * the seed the pipeline passes per frame) and
 * with RestoreFormer for {@code "RestoreFormer"} ({@code RestoreFormer.pth}), any case, both with
 * {@code parsing_parsenet.pth} and the pipeline's face detector ({@link StageContext#faceDetector()}), handed the
 * frame in BGR order as facexlib's detector gets it in GFPGANer.
 * {@code backgroundEnhancer = "realesrgan"} upscales the background with Real-ESRGAN x2
 * ({@code RealESRGAN_x2plus.pth}, tile 400, tile_pad 10) instead of the Lanczos resize, on CPU as well.
 */
public final class EnhanceStageProvider implements StageProvider {
    private static final String GFPGAN = "gfpgan";
    private static final String RESTORE_FORMER = "RestoreFormer";
    private static final String REALESRGAN = "realesrgan";
    private static final Map<String, String> RESTORER_FILES = Map.of(GFPGAN, "GFPGANv1.4.pth",
            RESTORE_FORMER, "RestoreFormer.pth");
    private static final String PARSENET = "parsing_parsenet.pth";
    private static final String REALESRGAN_FILE = "RealESRGAN_x2plus.pth";

    @Override
    public List<String> enhancers() {
        return List.of(GFPGAN, RESTORE_FORMER);
    }

    @Override
    public List<String> backgroundEnhancers() {
        return List.of(REALESRGAN);
    }

    @Override
    public List<String> checkpoints(PipelineConfig config) {
        String enhancer = served(config.enhancer());
        if (enhancer == null) {
            return List.of();
        }
        List<String> files = new ArrayList<>(List.of(RESTORER_FILES.get(enhancer), PARSENET));
        if (config.backgroundEnhancer() != null) {
            files.add(REALESRGAN_FILE);
        }
        return files;
    }

    @Override
    public <T> T create(Class<T> stage, StageContext context) {
        PipelineConfig config = context.config();
        String enhancer = served(config.enhancer());
        if (stage != FaceEnhancer.class || enhancer == null) {
            return null;
        }
        Path restorerFile = config.requireCheckpoint(RESTORER_FILES.get(enhancer));
        Path parsenet = config.requireCheckpoint(PARSENET);
        RealESRGANBackground background = background(config);
        try {
            FaceDetector shared = context.faceDetector();
            FaceDetector onBgr = frame -> shared.detect(RgbImage.wrap(frame.width(), frame.height(), frame.bgr()));
            GFPGANer.Builder builder = GFPGANer.builder().parseNet(parsenet).faceDetector(onBgr)
                    .backgroundUpsampler(background).device(config.torchDevice());
            return stage.cast((enhancer.equals(GFPGAN) ? builder.gfpgan(restorerFile)
                    : builder.restoreFormer(restorerFile)).build());
        } catch (RuntimeException e) {
            if (background != null) {
                background.close();
            }
            throw e;
        }
    }

    /** The spelling of {@code name} this provider serves (matched ignoring case), or null. */
    private String served(String name) {
        return name == null ? null : enhancers().stream().filter(name::equalsIgnoreCase).findFirst().orElse(null);
    }

    private static RealESRGANBackground background(PipelineConfig config) {
        String name = config.backgroundEnhancer();
        if (name == null) {
            return null;
        }
        if (!name.equalsIgnoreCase(REALESRGAN)) {
            throw new InvalidInputException("unknown background enhancer '" + name + "' (supported: " + REALESRGAN
                    + ")");
        }
        return RealESRGANBackground.open(config.requireCheckpoint(REALESRGAN_FILE), config.torchDevice());
    }
}
