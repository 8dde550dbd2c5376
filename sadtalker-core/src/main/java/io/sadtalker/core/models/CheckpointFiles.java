package io.sadtalker.core.models;

import io.sadtalker.core.CheckpointException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an official checkpoint file is found: in the checkpoint directory, and for the four facexlib/GFPGAN files
 * also in {@code gfpgan/weights} inside it and beside it (where the original's {@code scripts/download_models.sh}
 * puts them: {@code ./checkpoints} and {@code ./gfpgan/weights} side by side).
 */
public final class CheckpointFiles {
    /** The files the original keeps in {@code gfpgan/weights}. */
    public static final Set<String> GFPGAN_WEIGHTS = Set.of("alignment_WFLW_4HG.pth", "detection_Resnet50_Final.pth",
            "GFPGANv1.4.pth", "parsing_parsenet.pth");

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointFiles.class);

    private CheckpointFiles() {
    }

    /** The places {@code name} is looked for, in order. */
    public static List<Path> candidates(Path checkpointDir, String name) {
        List<Path> out = new ArrayList<>();
        out.add(checkpointDir.resolve(name));
        if (GFPGAN_WEIGHTS.contains(name)) {
            out.add(checkpointDir.resolve("gfpgan").resolve("weights").resolve(name));
            Path parent = checkpointDir.toAbsolutePath().normalize().getParent();
            if (parent != null) {
                out.add(parent.resolve("gfpgan").resolve("weights").resolve(name));
            }
        }
        return out;
    }

    /** The first candidate that is a file, if any. */
    public static Optional<Path> find(Path checkpointDir, String name) {
        return candidates(checkpointDir, name).stream().filter(Files::isRegularFile).findFirst();
    }

    /**
     * The file a stage loads: as {@link #find} (logged when it comes from a {@code gfpgan/weights} folder), or a
     * {@link CheckpointException} naming every place looked at.
     */
    public static Path require(Path checkpointDir, String name) {
        if (checkpointDir == null) {
            throw new CheckpointException("no checkpoint directory configured for " + name
                    + ": call builder().checkpoints(dir)");
        }
        Path found = find(checkpointDir, name).orElseThrow(() -> new CheckpointException("missing checkpoint file "
                + name + " (looked at " + String.join(", ", candidates(checkpointDir, name).stream()
                        .map(p -> p.toAbsolutePath().toString()).toList())
                + "; fetch the official files with `sadtalker download --checkpoint_dir " + checkpointDir + "`)"));
        if (!found.equals(checkpointDir.resolve(name))) {
            LOG.info("checkpoint {}: using {}", name, found.toAbsolutePath());
        }
        return found;
    }
}
