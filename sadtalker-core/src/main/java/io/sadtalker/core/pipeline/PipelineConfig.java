package io.sadtalker.core.pipeline;

import ai.djl.Device;
import io.sadtalker.core.InvalidInputException;
import io.sadtalker.core.MediaLimits;
import io.sadtalker.core.Preprocess;
import io.sadtalker.core.CheckpointException;
import io.sadtalker.core.models.CheckpointFiles;
import io.sadtalker.core.weights.SadTalkerCheckpoints;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Settings a {@link StageProvider} needs to create default stages: where the official checkpoint files are,
 * the model size (256 or 512), preprocess mode, still mode, render batch size, face enhancer name (one a provider
 * serves, e.g. {@code gfpgan}; null for none), background enhancer (e.g. {@code realesrgan}; null for none) and
 * device ({@code cpu}, {@code gpu} or {@code cuda[:N]}; the default stages load their networks there), whether
 * the legacy SadTalker checkpoints are asked for ({@code --old_version}; see {@link #sadTalkerCheckpoints()}) and the
 * {@link MediaLimits} the default stages hold their inputs to. The batch size is at most {@link #MAX_BATCH_SIZE}.
 *
 * <p>The one place that maps a configuration to its checkpoint files: {@link #checkpoints()} (and
 * {@link #everyCheckpoint} for downloads) join the SadTalker files of the size, mode and version
 * ({@link SadTalkerCheckpoints}) with the files each {@link StageProvider} names for its stages.
 */
public record PipelineConfig(Path checkpointDir, int size, Preprocess preprocess, boolean still, int batchSize,
                             String enhancer, String backgroundEnhancer, String device, boolean oldVersion,
                             MediaLimits limits) {
    /** The largest render batch: each frame of a batch adds the renderer's per-frame working memory. */
    public static final int MAX_BATCH_SIZE = 16;

    public PipelineConfig {
        if (size != 256 && size != 512) {
            throw new InvalidInputException("size must be 256 or 512, got " + size);
        }
        if (batchSize <= 0 || batchSize > MAX_BATCH_SIZE) {
            throw new InvalidInputException("batch size must be in 1.." + MAX_BATCH_SIZE + ", got " + batchSize);
        }
        if (limits == null) {
            throw new InvalidInputException("media limits are required (MediaLimits.defaults())");
        }
        if (device != null && !device.matches("(?i)cpu|(gpu|cuda)(:\\d+)?")) {
            throw new InvalidInputException("device must be cpu, gpu or cuda[:N], got '" + device + "'");
        }
    }

    /** Whether a GPU was asked for ({@code gpu}, {@code cuda}, {@code cuda:N}). */
    public boolean wantsGpu() {
        return device != null && !device.equalsIgnoreCase("cpu");
    }

    /** The libtorch device the default stages load their networks on: the CPU, or GPU N for {@code cuda:N}. */
    public Device torchDevice() {
        if (!wantsGpu()) {
            return Device.cpu();
        }
        int colon = device.indexOf(':');
        return Device.gpu(colon < 0 ? 0 : Integer.parseInt(device.substring(colon + 1)));
    }

    /**
     * The checkpoint file {@code name} as {@link CheckpointFiles} finds it for {@link #checkpointDir}; a
     * {@link io.sadtalker.core.CheckpointException} naming the places looked at when it is absent.
     */
    public Path requireCheckpoint(String name) {
        return CheckpointFiles.require(checkpointDir, name);
    }

    /** The face enhancer names the providers on the class path serve ({@link #enhancer()}, any case). */
    public static List<String> enhancers() {
        return StageProviders.load().enhancers();
    }

    /** The background enhancer names the providers on the class path serve ({@link #backgroundEnhancer()}). */
    public static List<String> backgroundEnhancers() {
        return StageProviders.load().backgroundEnhancers();
    }

    /**
     * The names of every checkpoint file the default stages of this configuration read: the SadTalker files
     * ({@link #sadTalkerFiles()}), then those the providers on the class path name.
     */
    public List<String> checkpoints() {
        Set<String> names = new LinkedHashSet<>(sadTalkerFiles().fileNames(preprocess));
        names.addAll(StageProviders.load().checkpoints(this));
        return List.copyOf(names);
    }

    /**
     * The names of the checkpoint files of every configuration: both sizes and both mappings (the SadTalker
     * safetensors files, or the legacy ones with {@code oldVersion}), the files the providers on the class path
     * name for their stages, and with {@code withEnhancers} those of every face and background enhancer they serve.
     */
    public static List<String> everyCheckpoint(boolean oldVersion, boolean withEnhancers) {
        StageProviders providers = StageProviders.load();
        Path dir = Path.of("checkpoints");
        Set<String> names = new LinkedHashSet<>();
        for (int size : new int[] {256, 512}) {
            for (Preprocess mode : new Preprocess[] {Preprocess.CROP, Preprocess.FULL}) {
                names.addAll(SadTalkerCheckpoints.of(dir, size, oldVersion).fileNames(mode));
            }
        }
        names.addAll(providers.checkpoints(named(dir, oldVersion, null, null)));
        if (withEnhancers) {
            for (String enhancer : providers.enhancers()) {
                names.addAll(providers.checkpoints(named(dir, oldVersion, enhancer, null)));
                for (String background : providers.backgroundEnhancers()) {
                    names.addAll(providers.checkpoints(named(dir, oldVersion, enhancer, background)));
                }
            }
        }
        return List.copyOf(names);
    }

    private static PipelineConfig named(Path dir, boolean oldVersion, String enhancer, String background) {
        return new PipelineConfig(dir, 256, Preprocess.CROP, false, 1, enhancer, background, "cpu", oldVersion,
                MediaLimits.defaults());
    }

    /**
     * The SadTalker network and mapping files of this configuration, unchecked: {@link SadTalkerCheckpoints#in},
     * the safetensors file of the size, or the legacy files with {@code oldVersion} or when the directory holds no
     * safetensors file.
     */
    public SadTalkerCheckpoints sadTalkerFiles() {
        return SadTalkerCheckpoints.in(checkpointDir, size, oldVersion);
    }

    /**
     * The SadTalker network and mapping files of this configuration ({@link SadTalkerCheckpoints#in}: the
     * safetensors file of the size, or the legacy files with {@code oldVersion} or when the directory holds no
     * safetensors file), checked present.
     *
     * @throws CheckpointException naming the missing files and the download command that fetches them
     */
    public SadTalkerCheckpoints sadTalkerCheckpoints() {
        SadTalkerCheckpoints files = sadTalkerFiles();
        var missing = files.missing(preprocess);
        if (!missing.isEmpty()) {
            throw new CheckpointException("missing checkpoint file" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing.stream().map(p -> p.toAbsolutePath().toString()).toList())
                    + (files.legacy() && !oldVersion ? " (the directory holds no .safetensors file, so the legacy"
                    + " checkpoints are used, as --old_version)" : "") + " (fetch the official files with `sadtalker"
                    + " download --checkpoint_dir " + checkpointDir + (files.legacy() ? " --old_version" : "") + "`)");
        }
        return files;
    }
}
