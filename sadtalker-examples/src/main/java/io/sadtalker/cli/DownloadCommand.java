package io.sadtalker.cli;

import io.sadtalker.core.models.ModelCatalog;
import io.sadtalker.core.models.ModelDownloader;
import io.sadtalker.core.models.ModelFile;
import io.sadtalker.core.pipeline.PipelineConfig;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sadtalker download}: fetches the official model files (resumable, SHA-256 checked). */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = "Download the official SadTalker model files into the checkpoint directory.")
final class DownloadCommand implements Callable<Integer> {
    @Option(names = {"--checkpoint_dir", "--checkpoint-dir"}, defaultValue = "./checkpoints", description = "target folder (default: ${DEFAULT-VALUE})")
    Path checkpointDir;

    @Option(names = "--with-enhancers", description = "also the files of every face and background enhancer")
    boolean withEnhancers;

    @Option(names = "--mirror", description = "base URL serving the files under their official names")
    URI mirror;

    @Option(names = {"--old_version", "--old-version"}, description = "the legacy network files (auido2exp_00300,"
            + " auido2pose_00140, epoch_20, facevid2vid_00189) instead of the safetensors files; their SHA-256 is"
            + " recorded at the first download")
    boolean oldVersion;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr())) {
            new ModelDownloader().downloadAll(wanted(), checkpointDir, progress);
        }
        out.println(checkpointDir.toAbsolutePath());
        return 0;
    }

    /** The files the options ask for, with their URLs (at the mirror when one is given). */
    List<ModelFile> wanted() {
        List<ModelFile> files = ModelCatalog.files(PipelineConfig.everyCheckpoint(oldVersion, withEnhancers));
        return mirror == null ? files : ModelCatalog.mirroredAt(mirror, files);
    }
}
