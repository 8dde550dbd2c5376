package io.sadtalker.core.models;

import java.net.URI;
import java.util.List;

/**
 * The official files SadTalker downloads ({@code scripts/download_models.sh}), all kept in one checkpoint
 * directory. SHA-256 values are not published by the original project; a download records the digest it saw
 * next to the file ({@code <name>.sha256}) and later verifications compare against it.
 */
public final class ModelCatalog {
    private static final String SADTALKER = "https://github.com/OpenTalker/SadTalker/releases/download/v0.0.2-rc/";
    private static final String FACEXLIB = "https://github.com/xinntao/facexlib/releases/download/";
    private static final String GFPGAN = "https://github.com/TencentARC/GFPGAN/releases/download/";

    /** Files every run needs (256 and 512 models, mappings, face detection and alignment). */
    public static final List<ModelFile> REQUIRED = List.of(
            file(SADTALKER + "mapping_00109-model.pth.tar", false),
            file(SADTALKER + "mapping_00229-model.pth.tar", false),
            file(SADTALKER + "SadTalker_V0.0.2_256.safetensors", false),
            file(SADTALKER + "SadTalker_V0.0.2_512.safetensors", false),
            file(FACEXLIB + "v0.1.0/alignment_WFLW_4HG.pth", false),
            file(FACEXLIB + "v0.1.0/detection_Resnet50_Final.pth", false));

    /** Files of the face enhancers ({@code --enhancer gfpgan} / {@code RestoreFormer}, background upsampler). */
    public static final List<ModelFile> ENHANCERS = List.of(
            file(GFPGAN + "v1.3.0/GFPGANv1.4.pth", true),
            file(FACEXLIB + "v0.2.2/parsing_parsenet.pth", true),
            file(GFPGAN + "v1.3.4/RestoreFormer.pth", true),
            file("https://github.com/xinntao/Real-ESRGAN/releases/download/v0.2.1/RealESRGAN_x2plus.pth", true));

    private ModelCatalog() {
    }

    /** Every file of the catalogue. */
    public static List<ModelFile> all() {
        return java.util.stream.Stream.concat(REQUIRED.stream(), ENHANCERS.stream()).toList();
    }

    /** The catalogue with every URL's base replaced by {@code mirror} (file names kept): for mirrors and tests. */
    public static List<ModelFile> mirroredAt(URI mirror) {
        String base = mirror.toString().endsWith("/") ? mirror.toString() : mirror + "/";
        return all().stream()
                .map(f -> new ModelFile(f.name(), URI.create(base + f.name()), f.sha256(), f.optional()))
                .toList();
    }

    private static ModelFile file(String url, boolean optional) {
        String name = url.substring(url.lastIndexOf('/') + 1);
        return new ModelFile(name, URI.create(url), null, optional);
    }
}
