package io.sadtalker.core.weights;

import ai.djl.ndarray.NDManager;
import io.sadtalker.core.CheckpointException;
import io.sadtalker.core.Preprocess;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SadTalker checkpoint files of one configuration, as the original's {@code init_path} picks them: the
 * networks from {@code SadTalker_V0.0.2_<size>.safetensors}, or, with {@code --old_version} or when the directory
 * holds no {@code .safetensors} file, from the legacy files ({@link SadTalkerNetwork#legacyFile()}); the
 * MappingNet from {@code mapping_00109-model.pth.tar} (full, extfull) or {@code mapping_00229-model.pth.tar}
 * either way.
 *
 * <p>Files are opened on first use and closed by {@link #close()}; arrays already loaded stay valid. Not for
 * concurrent use (one instance per loading thread).
 */
public final class SadTalkerCheckpoints implements AutoCloseable {
    private final Path dir;
    private final Path safetensors;
    private final Map<Path, Checkpoint> opened = new LinkedHashMap<>();

    private SadTalkerCheckpoints(Path dir, Path safetensors) {
        this.dir = dir;
        this.safetensors = safetensors;
    }

    /**
     * The files in {@code dir} for model {@code size}: the legacy ones when {@code oldVersion} is set or
     * {@code dir} holds no {@code *.safetensors} file, else the safetensors file of that size (also for a
     * directory that does not exist, so that the usual file is the one reported missing).
     */
    public static SadTalkerCheckpoints in(Path dir, int size, boolean oldVersion) {
        if (dir == null) {
            throw new CheckpointException("no checkpoint directory configured: call builder().checkpoints(dir)");
        }
        return of(dir, size, oldVersion || !holdsSafetensors(dir));
    }

    /** The legacy files in {@code dir}, or the safetensors file of model {@code size}, without looking at the disk. */
    public static SadTalkerCheckpoints of(Path dir, int size, boolean legacy) {
        return legacy ? legacy(dir) : new SadTalkerCheckpoints(dir, dir.resolve("SadTalker_V0.0.2_" + size
                + ".safetensors"));
    }

    /** The networks from the SadTalker safetensors {@code file}; the mapping files beside it. */
    public static SadTalkerCheckpoints safetensors(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return new SadTalkerCheckpoints(parent, file);
    }

    /** The legacy files ({@code --old_version}) in {@code dir}. */
    public static SadTalkerCheckpoints legacy(Path dir) {
        return new SadTalkerCheckpoints(dir, null);
    }

    private static boolean holdsSafetensors(Path dir) {
        if (!Files.isDirectory(dir)) {
            return true; // reported as the missing safetensors file, the usual layout
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.safetensors")) {
            return files.iterator().hasNext();
        } catch (IOException e) {
            throw new CheckpointException("cannot list checkpoint directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Whether the legacy files are used. */
    public boolean legacy() {
        return safetensors == null;
    }

    /** The file that holds {@code network}. */
    public Path file(SadTalkerNetwork network) {
        return legacy() ? dir.resolve(network.legacyFile()) : safetensors;
    }

    /** The MappingNet file of {@code preprocess}. */
    public Path mapping(Preprocess preprocess) {
        return dir.resolve(preprocess.pastesBack() ? "mapping_00109-model.pth.tar" : "mapping_00229-model.pth.tar");
    }

    /** Every file a pipeline with {@code preprocess} reads, each once, networks first. */
    public List<Path> files(Preprocess preprocess) {
        Set<Path> files = new LinkedHashSet<>();
        for (SadTalkerNetwork n : SadTalkerNetwork.values()) {
            files.add(file(n));
        }
        files.add(mapping(preprocess));
        return new ArrayList<>(files);
    }

    /** The names of {@link #files(Preprocess)}. */
    public List<String> fileNames(Preprocess preprocess) {
        return files(preprocess).stream().map(p -> p.getFileName().toString()).toList();
    }

    /** The files of {@link #files(Preprocess)} that are missing. */
    public List<Path> missing(Preprocess preprocess) {
        return files(preprocess).stream().filter(p -> !Files.isRegularFile(p)).toList();
    }

    /**
     * Strict weights of {@code network}: the safetensors prefix, or the legacy file's entry (the file must hold
     * every entry the original's loader reads, {@link SadTalkerNetwork#legacyEntries()}).
     */
    public Weights weights(SadTalkerNetwork network, NDManager manager) {
        Checkpoint ckpt = open(file(network));
        if (!legacy()) {
            return ckpt.weights(manager).prefix(network.prefix());
        }
        List<String> absent = network.legacyEntries().stream().filter(e -> !ckpt.entries().contains(e)).toList();
        if (!absent.isEmpty()) {
            throw new CheckpointException(ckpt.path() + ": no entry " + String.join(", ", absent)
                    + " (a legacy SadTalker checkpoint holds " + String.join(", ", network.legacyEntries()) + ")");
        }
        return ckpt.weights(manager, network.legacyEntry());
    }

    /** Strict weights of the MappingNet of {@code preprocess} (the {@code mapping} entry). */
    public Weights mappingWeights(Preprocess preprocess, NDManager manager) {
        return open(mapping(preprocess)).weights(manager, "mapping");
    }

    private Checkpoint open(Path file) {
        Checkpoint ckpt = opened.get(file);
        if (ckpt == null) {
            ckpt = Checkpoint.open(file);
            opened.put(file, ckpt);
        }
        return ckpt;
    }

    /** Closes the files opened so far. */
    @Override
    public void close() {
        opened.values().forEach(Checkpoint::close);
        opened.clear();
    }
}
