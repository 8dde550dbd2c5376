package io.sadtalker.cli;

import io.sadtalker.core.models.ModelCatalog;
import io.sadtalker.core.models.ModelDownloader;
import io.sadtalker.core.pipeline.PipelineConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sadtalker verify}: checks that the checkpoint directory is complete and intact. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check the checkpoint directory: required files present, every file matching the catalogue's digest.")
final class VerifyCommand implements Callable<Integer> {
    @Option(names = {"--checkpoint_dir", "--checkpoint-dir"}, defaultValue = "./checkpoints", description = "folder to check (default: ${DEFAULT-VALUE})")
    Path checkpointDir;

    @Option(names = {"--old_version", "--old-version"}, description = "check the legacy network files instead of the"
            + " safetensors files")
    boolean oldVersion;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<String> problems = new ModelDownloader().verify(ModelCatalog.files(PipelineConfig.everyCheckpoint(oldVersion, true)), checkpointDir);
        PrintWriter out = spec.commandLine().getOut();
        problems.forEach(p -> spec.commandLine().getErr().println(p));
        if (!problems.isEmpty()) {
            spec.commandLine().getErr().println("fix with: java -jar sadtalker.jar download --checkpoint_dir " + checkpointDir
                    + (oldVersion ? " --old_version" : ""));
            return SadTalkerCli.EXIT_CHECKPOINTS;
        }
        out.println("ok " + checkpointDir.toAbsolutePath());
        return 0;
    }
}
