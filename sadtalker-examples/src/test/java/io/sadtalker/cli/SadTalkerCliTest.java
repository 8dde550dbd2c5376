package io.sadtalker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sadtalker.core.config.MatFiles;
import io.sadtalker.core.image.ImageFiles;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.models.ModelCatalog;
import io.sadtalker.core.models.ModelFile;
import io.sadtalker.testkit.FixtureCases;
import io.sadtalker.testkit.Fixtures;
import io.sadtalker.testkit.LegacyCheckpoints;
import io.sadtalker.testkit.Mp4Probe;
import io.sadtalker.testkit.SyntheticCheckpoints;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line: options, exit codes and the messages a person reads. */
class SadTalkerCliTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SadTalkerCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    @Test
    void helpListsTheInferencePyOptions() {
        Run r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--driven_audio", "--source_image", "--ref_eyeblink", "--ref_pose",
                "--checkpoint_dir", "--result_dir", "--pose_style", "--batch_size", "--size", "--expression_scale",
                "--input_yaw", "--input_pitch", "--input_roll", "--enhancer", "--background_enhancer", "--cpu",
                "--still", "--preprocess", "--verbose", "--old_version", "download", "verify");
    }

    @Test
    void missingCheckpointsNameTheFilesAndTheFix() throws IOException {
        Files.createFile(dir.resolve("SadTalker_V0.0.2_512.safetensors")); // the 512 model only: 256 is missing
        Run r = run("--source_image", media("people_0.png"), "--driven_audio", media("bus_chinese.wav"),
                "--checkpoint_dir", dir.toString(), "--result_dir", dir.resolve("out").toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("SadTalker_V0.0.2_256.safetensors", "mapping_00229-model.pth.tar",
                "detection_Resnet50_Final.pth", "download --checkpoint_dir");
    }

    @Test
    void badOptionsAreUsageErrors() {
        Run r = run("--source_image", "a.png", "--driven_audio", "b.wav", "--preprocess", "zoom");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--preprocess must be one of");
        Run incomplete = run("--source_image", "a.png");
        assertThat(incomplete.code()).isEqualTo(2);
        assertThat(incomplete.err()).contains("--driven_audio are required");
    }

    @Test
    void verifyReportsAnIncompleteDirectory() {
        Run r = run("verify", "--checkpoint_dir", dir.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("missing", "SadTalker_V0.0.2_256.safetensors");
        Run legacy = run("verify", "--checkpoint_dir", dir.toString(), "--old_version");
        assertThat(legacy.code()).isEqualTo(3);
        assertThat(legacy.err()).contains("missing", "epoch_20.pth", "download --checkpoint_dir", "--old_version")
                .doesNotContain("safetensors");
    }

    @Test
    void generatesAnMp4FromTheCommandLineAndPrintsItsPath() throws Exception {
        // synthetic full-size checkpoints: every stage runs for real, detection included (on synthetic weights
        // RetinaFace still reports a face above SadTalker's 0.97 threshold on this portrait)
        Path ckpt = SyntheticCheckpoints.directory("cli", "dev-1", "SadTalker_V0.0.2_256.safetensors.json",
                "mapping_00229-model.pth.tar.json", "detection_Resnet50_Final.pth.json",
                "alignment_WFLW_4HG.pth.json");
        Path speech = FixtureCases.discover("pipeline").get(0).file("speech.wav"); // 0.4 s -> 10 frames
        Path results = dir.resolve("out");
        Run r = run("--source_image", media("people_0.png"), "--driven_audio", speech.toString(),
                "--checkpoint_dir", ckpt.toString(), "--result_dir", results.toString(), "--verbose");
        assertThat(r.code()).as(r.err()).isZero();
        String[] lines = r.out().strip().split("\\R");
        Path video = Path.of(lines[lines.length - 1]);
        assertThat(video).exists().hasParent(results.toAbsolutePath());
        assertThat(video.getFileName().toString()).matches("\\d{4}_\\d{2}_\\d{2}_\\d{2}\\.\\d{2}\\.\\d{2}\\.mp4");
        Mp4Probe probe = Mp4Probe.read(video);
        assertThat(probe.pictures()).isEqualTo(10);
        assertThat(probe.frameRate()).isEqualTo(25.0);
        assertThat(probe.audioChannels()).isPositive();
        Path saveDir = results.resolve(video.getFileName().toString().replace(".mp4", ""));
        Path firstFrameDir = saveDir.resolve("first_frame_dir");
        assertThat(firstFrameDir.resolve("people_0.png")).exists();
        assertThat(Files.readString(firstFrameDir.resolve("people_0_landmarks.txt")).strip().split(" ")).hasSize(136);
        assertThat(MatFiles.readMatrix(firstFrameDir.resolve("people_0.mat"), "coeff_3dmm")[0]).hasSize(73);
        assertThat(MatFiles.readMatrix(saveDir.resolve("people_0##speech.mat"), "coeff_3dmm")).hasDimensions(10, 70);
    }

    @Test
    void aFacelessPortraitIsAnimatedInResizeModeAndRefusedInCropMode() throws Exception {
        Path ckpt = SyntheticCheckpoints.directory("cli", "dev-1", "SadTalker_V0.0.2_256.safetensors.json",
                "mapping_00229-model.pth.tar.json", "detection_Resnet50_Final.pth.json",
                "alignment_WFLW_4HG.pth.json");
        Path speech = firstSeconds(FixtureCases.discover("pipeline").get(0).file("speech.wav"), 0.2, dir); // 5 frames
        byte[] rgb = new byte[48 * 40 * 3];
        java.util.Arrays.fill(rgb, (byte) 128);
        Path gray = dir.resolve("gray.png");
        ImageFiles.write(RgbImage.wrap(48, 40, rgb), gray);

        Run crop = run("--source_image", gray.toString(), "--driven_audio", speech.toString(),
                "--checkpoint_dir", ckpt.toString(), "--result_dir", dir.resolve("crop").toString());
        assertThat(crop.code()).as(crop.err()).isEqualTo(SadTalkerCli.EXIT_NO_FACE);
        assertThat(crop.err()).contains("gray.png", "no face", "--preprocess resize");

        Path results = dir.resolve("resize");
        Run resize = run("--source_image", gray.toString(), "--driven_audio", speech.toString(),
                "--checkpoint_dir", ckpt.toString(), "--result_dir", results.toString(), "--preprocess", "resize");
        assertThat(resize.code()).as(resize.err()).isZero();
        assertThat(resize.err()).contains("no face detected", "gray.png", "standard landmarks");
        String[] lines = resize.out().strip().split("\\R");
        Mp4Probe probe = Mp4Probe.read(Path.of(lines[lines.length - 1]));
        assertThat(probe.pictures()).isEqualTo(5);
        assertThat(probe.width()).isEqualTo(256);
    }

    @Test
    void downloadOldVersionFetchesTheLegacyFilesInPlaceOfTheSafetensorsFiles() {
        DownloadCommand legacy = CommandLine.populateCommand(new DownloadCommand(), "--old_version",
                "--mirror", "http://127.0.0.1:1/m");
        assertThat(legacy.wanted()).extracting(ModelFile::name).containsExactly("mapping_00109-model.pth.tar",
                "mapping_00229-model.pth.tar", "alignment_WFLW_4HG.pth", "detection_Resnet50_Final.pth",
                "auido2exp_00300-model.pth", "auido2pose_00140-model.pth", "epoch_20.pth",
                "facevid2vid_00189-model.pth.tar");
        assertThat(legacy.wanted()).extracting(f -> f.url().toString())
                .contains("http://127.0.0.1:1/m/facevid2vid_00189-model.pth.tar");
        DownloadCommand usual = CommandLine.populateCommand(new DownloadCommand());
        assertThat(usual.wanted()).extracting(ModelFile::name)
                .contains("SadTalker_V0.0.2_256.safetensors").doesNotContain("epoch_20.pth");
    }

    @Test
    void enhancerChoicesAndTheDownloadListComeFromTheStageProviders() {
        assertThat(run("--help").out()).contains("face enhancer: gfpgan, RestoreFormer", "with --enhancer: realesrgan");
        DownloadCommand all = CommandLine.populateCommand(new DownloadCommand(), "--with-enhancers");
        assertThat(all.wanted()).isEqualTo(ModelCatalog.all());
        DownloadCommand legacy = CommandLine.populateCommand(new DownloadCommand(), "--with-enhancers",
                "--old_version");
        assertThat(legacy.wanted()).extracting(ModelFile::name)
                .doesNotContain("SadTalker_V0.0.2_256.safetensors", "SadTalker_V0.0.2_512.safetensors")
                .containsExactlyInAnyOrder("mapping_00229-model.pth.tar", "mapping_00109-model.pth.tar",
                        "auido2exp_00300-model.pth", "auido2pose_00140-model.pth", "epoch_20.pth",
                        "facevid2vid_00189-model.pth.tar", "detection_Resnet50_Final.pth", "alignment_WFLW_4HG.pth",
                        "GFPGANv1.4.pth", "parsing_parsenet.pth", "RestoreFormer.pth", "RealESRGAN_x2plus.pth");
    }

    @Test
    void oldVersionRunsFromTheLegacyFilesAndIgnoresTheSafetensorsFile() throws Exception {
        // the legacy files, mapping and facexlib files, beside a safetensors file that cannot be read: only a run
        // that loads the legacy files gets through
        Path ckpt = Files.createDirectories(dir.resolve("checkpoints"));
        try (Stream<Path> files = Files.list(LegacyCheckpoints.directory("legacy-cli", "dev-1"))) {
            for (Path f : files.toList()) {
                Files.createSymbolicLink(ckpt.resolve(f.getFileName()), f.toRealPath());
            }
        }
        Files.writeString(ckpt.resolve("SadTalker_V0.0.2_256.safetensors"), "not a checkpoint");
        Path speech = firstSeconds(FixtureCases.discover("pipeline").get(0).file("speech.wav"), 0.16, dir); // 4 frames
        Path results = dir.resolve("out");
        Run safetensors = run("--source_image", media("people_0.png"), "--driven_audio", speech.toString(),
                "--checkpoint_dir", ckpt.toString(), "--result_dir", results.toString());
        assertThat(safetensors.code()).as(safetensors.err()).isEqualTo(3);
        assertThat(safetensors.err()).contains("SadTalker_V0.0.2_256.safetensors");
        Run r = run("--source_image", media("people_0.png"), "--driven_audio", speech.toString(),
                "--checkpoint_dir", ckpt.toString(), "--result_dir", results.toString(), "--old_version");
        assertThat(r.code()).as(r.err()).isZero();
        String[] lines = r.out().strip().split("\\R");
        Mp4Probe probe = Mp4Probe.read(Path.of(lines[lines.length - 1]));
        assertThat(probe.pictures()).isEqualTo(4);
        assertThat(probe.audioChannels()).isPositive();
    }

    @Test
    void aDirectoryWithoutSafetensorsNamesTheMissingLegacyFilesAndTheirDownload() throws IOException {
        Files.createDirectories(dir.resolve("checkpoints"));
        Run r = run("--source_image", media("people_0.png"), "--driven_audio", media("bus_chinese.wav"),
                "--checkpoint_dir", dir.resolve("checkpoints").toString(), "--result_dir", dir.resolve("out").toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("no .safetensors file", "legacy checkpoints", "epoch_20.pth",
                "facevid2vid_00189-model.pth.tar", "download --checkpoint_dir", "--old_version");
    }

    /** The first {@code seconds} of a wav file, written as a wav into {@code dir}. */
    private static Path firstSeconds(Path wav, double seconds, Path dir) throws Exception {
        Path out = dir.resolve("short.wav");
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            long frames = Math.round(in.getFormat().getFrameRate() * seconds);
            try (AudioInputStream head = new AudioInputStream(in, in.getFormat(), frames)) {
                AudioSystem.write(head, AudioFileFormat.Type.WAVE, out.toFile());
            }
        }
        return out;
    }

    private static String media(String name) {
        return Fixtures.media().resolve(name).toString();
    }
}
