package io.sadtalker.core.models;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The official files SadTalker downloads ({@code scripts/download_models.sh}), all kept in one checkpoint
 * directory, with their SHA-256.
 *
 * <p>The original projects publish no digests. The ones here are those that independent public projects pin for
 * the same release assets (found in at least two of them and agreeing, except the 512 model's, seen in one whose
 * other nine values all agree with the rest); a download is refused when the file it gets differs. For
 * RestoreFormer only an MD5 was found (the same in two independent projects), so that one is checked. Each file's
 * download is capped at about twice its published size ({@link ModelFile#maxBytes()}). No digest of the legacy
 * files ({@link #LEGACY}) was found anywhere: they are {@linkplain ModelFile#pinned() unpinned}, a download records
 * the SHA-256 it saw beside the file ({@code <name>.sha256}) and says so, and later verifications compare against
 * that record (a copy without one is reported as unverifiable).
 */
public final class ModelCatalog {
    private static final String SADTALKER = "https://github.com/OpenTalker/SadTalker/releases/download/v0.0.2-rc/";
    private static final String SADTALKER_LEGACY = "https://github.com/Winfredy/SadTalker/releases/download/v0.0.2/";
    private static final String FACEXLIB = "https://github.com/xinntao/facexlib/releases/download/";
    private static final String GFPGAN = "https://github.com/TencentARC/GFPGAN/releases/download/";
    private static final long MIB = 1024 * 1024;

    /** Files every run needs (256 and 512 models, mappings, face detection and alignment). */
    public static final List<ModelFile> REQUIRED = List.of(
            file(SADTALKER + "mapping_00109-model.pth.tar",
                    "84a8642468a3fcfdd9ab6be955267043116c2bec2284686a5262f1eaf017f64c", 320 * MIB, false),
            file(SADTALKER + "mapping_00229-model.pth.tar",
                    "62a1e06006cc963220f6477438518ed86e9788226c62ae382ddc42fbcefb83f1", 320 * MIB, false),
            file(SADTALKER + "SadTalker_V0.0.2_256.safetensors",
                    "c211f5d6de003516bf1bbda9f47049a4c9c99133b1ab565c6961e5af16477bff", 1536 * MIB, false),
            file(SADTALKER + "SadTalker_V0.0.2_512.safetensors",
                    "0e063f7ff5258240bdb0f7690783a7b1374e6a4a81ce8fa33456f4cd49694340", 1536 * MIB, false),
            file(FACEXLIB + "v0.1.0/alignment_WFLW_4HG.pth",
                    "bbfd137307a4c7debd5c283b9b0ce539466cee417ac0a155e184d857f9f2899c", 400 * MIB, false),
            file(FACEXLIB + "v0.1.0/detection_Resnet50_Final.pth",
                    "6d1de9c2944f2ccddca5f5e010ea5ae64a39845a86311af6fdf30841b0a5a16d", 224 * MIB, false));

    /** Files of the face enhancers ({@code --enhancer gfpgan} / {@code RestoreFormer}, background upsampler). */
    public static final List<ModelFile> ENHANCERS = List.of(
            file(GFPGAN + "v1.3.0/GFPGANv1.4.pth",
                    "e2cd4703ab14f4d01fd1383a8a8b266f9a5833dacee8e6a79d3bf21a1b6be5ad", 704 * MIB, true),
            file(FACEXLIB + "v0.2.2/parsing_parsenet.pth",
                    "3d558d8d0e42c20224f13cf5a29c79eba2d59913419f945545d8cf7b72920de2", 176 * MIB, true),
            md5File(GFPGAN + "v1.3.4/RestoreFormer.pth", "eaeeff6c4a1caa1673977cb374e6f699", 608 * MIB, true),
            file("https://github.com/xinntao/Real-ESRGAN/releases/download/v0.2.1/RealESRGAN_x2plus.pth",
                    "49fafd45f8fd7aa8d31ab2a22d14d91b536c34494a5cfe31eb5d89c2fa266abb", 136 * MIB, true));

    /**
     * The legacy network files of {@code --old_version} (the commented legacy block of
     * {@code download_models.sh}), which replace the two safetensors files; unpinned, each capped at four times the
     * size of the tensors its manifest lists (the files may also hold training state: Adam moments, a
     * discriminator).
     */
    public static final List<ModelFile> LEGACY = List.of(
            file(SADTALKER_LEGACY + "auido2exp_00300-model.pth", null, 64 * MIB, false),
            file(SADTALKER_LEGACY + "auido2pose_00140-model.pth", null, 256 * MIB, false),
            file(SADTALKER_LEGACY + "epoch_20.pth", null, 512 * MIB, false),
            file(SADTALKER_LEGACY + "facevid2vid_00189-model.pth.tar", null, 4096 * MIB, false));

    private ModelCatalog() {
    }

    /** Every file of the usual layout: {@link #REQUIRED} and {@link #ENHANCERS}. */
    public static List<ModelFile> all() {
        return Stream.concat(REQUIRED.stream(), ENHANCERS.stream()).toList();
    }

    /**
     * The catalogue's files named {@code names} (which files a configuration needs is
     * {@code PipelineConfig}'s to say), in catalogue order: {@link #REQUIRED}, {@link #LEGACY}, {@link #ENHANCERS}.
     *
     * @throws ModelDownloadException naming a file the catalogue has no address for
     */
    public static List<ModelFile> files(Collection<String> names) {
        List<ModelFile> catalogue = Stream.of(REQUIRED, LEGACY, ENHANCERS).flatMap(List::stream).toList();
        Set<String> known = catalogue.stream().map(ModelFile::name).collect(Collectors.toSet());
        List<String> unknown = names.stream().filter(n -> !known.contains(n)).toList();
        if (!unknown.isEmpty()) {
            throw new ModelDownloadException("no download address for checkpoint file"
                    + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
                    + " (named by a stage provider): put it in the checkpoint directory");
        }
        return catalogue.stream().filter(f -> names.contains(f.name())).toList();
    }

    /** {@code files} with every URL's base replaced by {@code mirror} (file names kept): for mirrors and tests. */
    public static List<ModelFile> mirroredAt(URI mirror, List<ModelFile> files) {
        String base = mirror.toString().endsWith("/") ? mirror.toString() : mirror + "/";
        return files.stream()
                .map(f -> new ModelFile(f.name(), URI.create(base + f.name()), f.sha256(), f.md5(), f.maxBytes(),
                        f.optional()))
                .toList();
    }

    private static ModelFile file(String url, String sha256, long maxBytes, boolean optional) {
        return new ModelFile(name(url), URI.create(url), sha256, null, maxBytes, optional);
    }

    private static ModelFile md5File(String url, String md5, long maxBytes, boolean optional) {
        return new ModelFile(name(url), URI.create(url), null, md5, maxBytes, optional);
    }

    private static String name(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }
}
