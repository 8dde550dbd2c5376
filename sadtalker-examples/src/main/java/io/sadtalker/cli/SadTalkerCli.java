package io.sadtalker.cli;

import io.sadtalker.core.CancellationToken;
import io.sadtalker.core.CheckpointException;
import io.sadtalker.core.InvalidInputException;
import io.sadtalker.core.MediaException;
import io.sadtalker.core.MediaLimits;
import io.sadtalker.core.MotionCoefficients;
import io.sadtalker.core.NoFaceDetectedException;
import io.sadtalker.core.Preprocess;
import io.sadtalker.core.SadTalkerException;
import io.sadtalker.core.models.CheckpointFiles;
import io.sadtalker.core.pipeline.GenerationRequest;
import io.sadtalker.core.pipeline.PipelineConfig;
import io.sadtalker.core.pipeline.PreparedPortrait;
import io.sadtalker.core.pipeline.TalkingHeadPipeline;
import io.sadtalker.core.weights.SadTalkerCheckpoints;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code sadtalker} command: the options of SadTalker's {@code inference.py} (snake_case names as the
 * original, kebab-case aliases), plus the {@code download} and {@code verify} sub-commands. Prints the path of the
 * video it wrote as its last line.
 */
@Command(name = "sadtalker", mixinStandardHelpOptions = true, version = "sadtalker-java 0.1.0",
        description = "Animate a portrait with a speech recording (SadTalker, natively on the JVM).",
        subcommands = {DownloadCommand.class, VerifyCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the video was written", "1:an unexpected error (a bug: please report it)",
            "2:invalid options",
            "3:checkpoint files missing or invalid", "4:an input or output file cannot be read or written",
            "5:no usable face in the portrait or reference video (crop, extcrop, full, extfull)", "6:cancelled"})
public final class SadTalkerCli implements Callable<Integer> {
    static final int EXIT_CHECKPOINTS = 3;
    static final int EXIT_MEDIA = 4;
    static final int EXIT_NO_FACE = 5;

    @Option(names = {"--driven_audio", "--driven-audio"}, description = "speech file (wav, mp3, m4a, flac, ogg)")
    Path drivenAudio;

    @Option(names = {"--source_image", "--source-image"}, description = "portrait picture (or video: its first frame)")
    Path sourceImage;

    @Option(names = {"--ref_eyeblink", "--ref-eyeblink"}, description = "reference video whose eye blinks are copied")
    Path refEyeblink;

    @Option(names = {"--ref_pose", "--ref-pose"}, description = "reference video whose head pose is copied")
    Path refPose;

    @Option(names = {"--checkpoint_dir", "--checkpoint-dir"}, defaultValue = "./checkpoints", description = "folder of the official model files (default: ${DEFAULT-VALUE})")
    Path checkpointDir;

    @Option(names = {"--result_dir", "--result-dir"}, defaultValue = "./results", description = "where the video is written, as <start time>.mp4 (_2, _3 ... when taken) (default: ${DEFAULT-VALUE})")
    Path resultDir;

    @Option(names = "--output", description = "the video file to write instead of a new name in --result_dir; an existing file is refused without --overwrite")
    Path outputFile;

    @Option(names = "--overwrite", description = "let --output replace an existing file")
    boolean overwrite;

    @Option(names = {"--pose_style", "--pose-style"}, defaultValue = "0", description = "pose style 0..45 (default: ${DEFAULT-VALUE})")
    int poseStyle;

    @Option(names = {"--batch_size", "--batch-size"}, defaultValue = "2", description = "frames rendered per generator call, 1..16 (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--size", defaultValue = "256", description = "model resolution, 256 or 512 (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = {"--expression_scale", "--expression-scale"}, defaultValue = "1.0", description = "expression strength (default: ${DEFAULT-VALUE})")
    float expressionScale;

    @Option(names = {"--input_yaw", "--input-yaw"}, arity = "1..*", description = "key yaw angles in degrees")
    int[] inputYaw;

    @Option(names = {"--input_pitch", "--input-pitch"}, arity = "1..*", description = "key pitch angles in degrees")
    int[] inputPitch;

    @Option(names = {"--input_roll", "--input-roll"}, arity = "1..*", description = "key roll angles in degrees")
    int[] inputRoll;

    @Option(names = "--enhancer", completionCandidates = StageNames.Enhancers.class,
            description = "face enhancer: ${COMPLETION-CANDIDATES}")
    String enhancer;

    @Option(names = {"--background_enhancer", "--background-enhancer"},
            completionCandidates = StageNames.BackgroundEnhancers.class,
            description = "background upsampler used with --enhancer: ${COMPLETION-CANDIDATES}")
    String backgroundEnhancer;

    @Option(names = "--cpu", description = "run on the CPU (the default)")
    boolean cpu;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu or cuda[:N]; gpu needs a CUDA build of libtorch on the class path and is refused at start without one (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--still", description = "keep the head still (fewer head motions; use with full/extfull)")
    boolean still;

    @Option(names = "--preprocess", defaultValue = "crop", description = "crop, extcrop, resize, full or extfull (default: ${DEFAULT-VALUE})")
    String preprocess;

    @Option(names = "--verbose", description = "also write the intermediate files (crop png, landmarks txt)")
    boolean verbose;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the random blink and pose draws (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = {"--old_version", "--old-version"}, description = "use the legacy checkpoints (epoch_20.pth,"
            + " auido2exp_00300-model.pth, auido2pose_00140-model.pth, facevid2vid_00189-model.pth.tar); also chosen"
            + " when the checkpoint directory holds no .safetensors file")
    boolean oldVersion;

    @Option(names = "--face3dvis", hidden = true)
    boolean face3dvis;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for embedding). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line, with the exit-code mapping of {@link SadTalkerException}s. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new SadTalkerCli());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            err.println("error: " + e.getMessage());
            if (e instanceof NoFaceDetectedException) {
                return EXIT_NO_FACE;
            }
            if (e instanceof CheckpointException) {
                err.println("check the checkpoint directory with `sadtalker verify --checkpoint_dir <dir>`; `sadtalker download` fetches missing files");
                return EXIT_CHECKPOINTS;
            }
            if (e instanceof MediaException) {
                return EXIT_MEDIA;
            }
            if (e instanceof io.sadtalker.core.CancelledException) {
                return 6;
            }
            if (e instanceof InvalidInputException) {
                return 2;
            }
            if (!(e instanceof SadTalkerException)) {
                err.println("this is a bug in sadtalker-java, not a problem with your options or files;"
                        + " please report it with the trace below");
                e.printStackTrace(err);
            }
            return 1;
        });
        return cli;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (drivenAudio == null || sourceImage == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "both --source_image and --driven_audio are required (see --help)");
        }
        if (face3dvis) {
            err.println("warning: --face3dvis is not supported and is ignored");
        }
        requireServed("--background_enhancer", backgroundEnhancer, PipelineConfig.backgroundEnhancers());
        Preprocess mode = parsePreprocess();
        requireServed("--enhancer", enhancer, PipelineConfig.enhancers());
        if (overwrite && outputFile == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--overwrite applies to --output FILE only");
        }
        MediaLimits limits = MediaLimits.defaults();
        PipelineConfig config = new PipelineConfig(checkpointDir, size, mode, still, batchSize, enhancer,
                backgroundEnhancer, cpu ? "cpu" : device, oldVersion, limits); // checks size, batch size and device
        InputCheck.picture(sourceImage, limits);
        InputCheck.audio(drivenAudio, limits);
        for (Path reference : new Path[] {refEyeblink, refPose}) {
            if (reference != null) {
                InputCheck.picture(reference, limits);
            }
        }
        GenerationRequest.Builder request = GenerationRequest.builder().portrait(sourceImage).audio(drivenAudio)
                .poseStyle(poseStyle).expressionScale(expressionScale).refEyeBlink(refEyeblink).refPose(refPose)
                .seed(seed);
        if (inputYaw != null) {
            request.yaw(inputYaw);
        }
        if (inputPitch != null) {
            request.pitch(inputPitch);
        }
        if (inputRoll != null) {
            request.roll(inputRoll);
        }
        CancellationToken cancellation = new CancellationToken();
        try (Interruption interruption = Interruption.cancelOnShutdown(cancellation, err);
             OutputFile output = outputFile != null ? OutputFile.explicit(outputFile, overwrite)
                     : OutputFile.inResultDir(resultDir, LocalDateTime.now())) {
            interruption.onExit(output::close); // a run that does not stop within the grace leaves no file
            GenerationRequest built = request.output(output.path()).cancellation(cancellation).build();
            SadTalkerCheckpoints sadTalkerFiles = config.sadTalkerFiles();
            if (sadTalkerFiles.legacy() && !oldVersion) {
                err.println("warning: no .safetensors file in " + checkpointDir.toAbsolutePath()
                        + ": using the legacy checkpoints (as --old_version)");
            }
            List<String> missing = config.checkpoints().stream()
                    .filter(n -> CheckpointFiles.find(checkpointDir, n).isEmpty()).toList();
            if (!missing.isEmpty()) {
                err.println("missing checkpoint files in " + checkpointDir.toAbsolutePath() + " (facexlib/GFPGAN files"
                        + " also in gfpgan/weights inside and beside it): " + String.join(", ", missing));
                err.println("fetch them with: java -jar sadtalker.jar download --checkpoint_dir " + checkpointDir
                        + (sadTalkerFiles.legacy() ? " --old_version" : ""));
                return EXIT_CHECKPOINTS;
            }
            try (ConsoleProgress progress = new ConsoleProgress(err);
                 TalkingHeadPipeline pipeline = TalkingHeadPipeline.builder().checkpoints(checkpointDir).size(size)
                         .preprocess(mode).still(still).batchSize(batchSize).enhancer(enhancer)
                         .backgroundEnhancer(backgroundEnhancer).limits(limits).device(config.device())
                         .oldVersion(oldVersion).cancellation(cancellation).build()) {
                PreparedPortrait portrait = pipeline.prepare(built, progress);
                MotionCoefficients motion = pipeline.motion(portrait, built, progress);
                if (verbose) {
                    String name = output.path().getFileName().toString();
                    VerboseOutputs.write(portrait, motion, sourceImage, drivenAudio,
                            output.path().resolveSibling(name.substring(0, name.length() - ".mp4".length())));
                }
                Path written = pipeline.generate(portrait, motion, built, progress);
                output.keep();
                progress.close();
                out.println(written.toAbsolutePath());
            }
        }
        return 0;
    }

    private Preprocess parsePreprocess() {
        try {
            return Preprocess.valueOf(preprocess.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--preprocess must be one of crop, extcrop, resize, full, extfull; got " + preprocess);
        }
    }

    /** A usage error unless {@code value} is null or one of {@code names} (ignoring case). */
    private void requireServed(String option, String value, List<String> served) {
        if (value != null && served.stream().noneMatch(value::equalsIgnoreCase)) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " must be "
                    + (served.isEmpty() ? "one a stage module on the class path serves (none does)"
                    : String.join(" or ", served)) + ", got " + value);
        }
    }
}
