package io.sadtalker.spark;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.sadtalker.core.MotionCoefficients;
import io.sadtalker.core.Preprocess;
import io.sadtalker.core.image.ImageFiles;
import io.sadtalker.core.ProgressListener;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.pipeline.GenerationRequest;
import io.sadtalker.core.pipeline.PreparedPortrait;
import io.sadtalker.core.pipeline.TalkingHeadPipeline;
import io.sadtalker.core.stage.FrameStream;
import io.sadtalker.core.stage.VideoEncoder;
import io.sadtalker.preprocess.video.FfmpegVideoDecoder;
import io.sadtalker.render.VideoWriter;
import io.sadtalker.testkit.FixtureCases;
import io.sadtalker.testkit.Fixtures;
import io.sadtalker.testkit.Mp4Probe;
import io.sadtalker.testkit.SyntheticCheckpoints;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs on {@code local[2]} with synthetic full-size checkpoints (every stage runs for real, detection included)
 * and 0.12 s audios (3 frames): one batch with good rows (reference videos, full mode) and bad ones
 * (missing files, broken audio, no face, a bad option), a shared portrait prepared once; a split video equal to the
 * whole render with its portrait prepared once; the same jobs read from CSV, JSON lines and Parquet.
 */
class SparkJobsTest {
    private static final int FRAMES = 3;
    private static SparkSession spark;
    private static Path checkpoints;
    private static float[] speech;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        // on synthetic weights RetinaFace still reports a face above SadTalker's 0.97 threshold on people_0.png
        checkpoints = SyntheticCheckpoints.directory("spark", "dev-1", "SadTalker_V0.0.2_256.safetensors.json",
                "mapping_00229-model.pth.tar.json", "mapping_00109-model.pth.tar.json",
                "detection_Resnet50_Final.pth.json", "alignment_WFLW_4HG.pth.json");
        try (NDManager m = NDManager.newBaseManager()) {
            speech = FixtureCases.discover("pipeline").get(0).input("wav", m).toFloatArray();
        }
        spark = SparkSession.builder().master("local[2]").appName("sadtalker-spark-test")
                .config("spark.ui.enabled", false).getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void batchRendersGoodRowsReportsBadOnesAndPreparesASharedPortraitOnce() throws Exception {
        Path portrait = Fixtures.media().resolve("people_0.png");
        Path first = writeWav(dir.resolve("first.wav"), 0, FRAMES);
        Path second = writeWav(dir.resolve("second.wav"), 1600, FRAMES);
        Path broken = Files.writeString(dir.resolve("broken.wav"), "not a wav file");
        Path grey = dir.resolve("grey.png");
        byte[] rgb = new byte[96 * 96 * 3];
        Arrays.fill(rgb, (byte) 128);
        ImageFiles.write(RgbImage.wrap(96, 96, rgb), grey);
        Path reference = brightnessRamp(ImageFiles.read(portrait), dir.resolve("reference.mp4"));
        Path jobs = Files.writeString(dir.resolve("jobs.csv"), String.join("\n",
                "id,portrait,audio,seed,preprocess,enhancer,ref_eyeblink,ref_pose",
                "first," + portrait.toUri() + "," + first + ",1,,,,",
                "second," + portrait.toUri() + "," + second + ",,,,,",
                "refs," + portrait.toUri() + "," + first + ",1,,," + reference + "," + reference,
                "broken," + portrait.toUri() + "," + broken + ",,,,,",
                "missing," + dir.resolve("missing.png") + "," + first + ",,,,,",
                "missing-ref," + portrait.toUri() + "," + first + ",,,,," + dir.resolve("missing.mp4"),
                "no-face," + grey + "," + first + ",,,,,",
                "full," + portrait + "," + first + ",,full,,,",
                "bad-seed," + portrait + "," + first + ",soon,,,,"));
        Path out = dir.resolve("batch");

        SparkJobs.Run run = SparkJobs.run(spark, SparkJobs.read(spark, jobs.toString()),
                Settings.defaults(checkpoints.toString(), out.toUri().toString()));

        Map<String, Row> results = run.results().collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("id"), Function.identity()));
        assertThat(run.results().collectAsList()).extracting(r -> r.getAs("id")).containsExactly("first", "second",
                "refs", "broken", "missing", "missing-ref", "no-face", "full", "bad-seed");
        for (String id : List.of("first", "second", "refs")) {
            assertVideo(results.get(id), out, FRAMES, 256);
        }
        // full mode pastes the face back into the 474x474 portrait
        assertVideo(results.get("full"), out, FRAMES, 474);
        // same audio and seed as "first": the reference videos' pose and blinks make the later frames differ
        assertThat(lastFrame(out.resolve("refs.mp4")).rgb()).isNotEqualTo(lastFrame(out.resolve("first.mp4")).rgb());
        assertFailed(results.get("broken"), "MediaException", "broken.wav");
        assertFailed(results.get("missing"), "MediaException", "missing.png");
        assertFailed(results.get("missing-ref"), "MediaException", "missing.mp4");
        assertFailed(results.get("no-face"), "NoFaceDetectedException", "grey.png");
        assertFailed(results.get("bad-seed"), "InvalidInputException", "seed must be a number");
        // first, second, refs, broken and missing-ref share the crop pipeline and the portrait: one group, prepared
        // once; full is a group of its own (another pipeline); missing and no-face fail before or in preparing
        assertThat(run.portraitsPrepared()).isEqualTo(2);
        assertThat(Pipelines.loads()).isEqualTo(2);
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("first.mp4",
                    "second.mp4", "refs.mp4", "full.mp4");
        }
    }

    @Test
    void csvJsonLinesAndParquetTablesGiveTheSameJobs() throws Exception {
        Path csv = Files.writeString(dir.resolve("table.csv"), String.join("\n",
                "id,portrait,audio,still,seed,expression_scale,enhancer,ref_pose",
                "a,p.png,a.wav,true,7,1.5,gfpgan,pose.mp4",
                "b,p.png,b.wav,,,,,"));
        Path json = Files.writeString(dir.resolve("table.jsonl"), String.join("\n",
                "{\"id\":\"a\",\"portrait\":\"p.png\",\"audio\":\"a.wav\",\"still\":true,\"seed\":7,"
                        + "\"expression_scale\":1.5,\"enhancer\":\"gfpgan\",\"ref_pose\":\"pose.mp4\"}",
                "{\"id\":\"b\",\"portrait\":\"p.png\",\"audio\":\"b.wav\"}"));
        StructType schema = new StructType().add("id", DataTypes.StringType).add("portrait", DataTypes.StringType)
                .add("audio", DataTypes.StringType).add("still", DataTypes.BooleanType)
                .add("seed", DataTypes.LongType).add("expression_scale", DataTypes.DoubleType)
                .add("enhancer", DataTypes.StringType).add("ref_pose", DataTypes.StringType);
        String parquet = dir.resolve("table.parquet").toString();
        List<Row> rows = List.of(RowFactory.create("a", "p.png", "a.wav", true, 7L, 1.5, "gfpgan", "pose.mp4"),
                RowFactory.create("b", "p.png", "b.wav", null, null, null, null, null));
        spark.createDataFrame(rows, schema).write().parquet(parquet);
        Settings settings = Settings.defaults("ckpt", "out");

        List<JobSpec> fromCsv = jobs(csv.toString(), settings);

        PipelineSpec plain = new PipelineSpec("ckpt", 256, Preprocess.CROP, false, null, 2, "cpu");
        assertThat(fromCsv).containsExactly(
                new JobSpec("a", "p.png", "a.wav", new PipelineSpec("ckpt", 256, Preprocess.CROP, true, "gfpgan", 2,
                        "cpu"), 0, 1.5f, 7, null, "pose.mp4"),
                new JobSpec("b", "p.png", "b.wav", plain, 0, 1f, 0, null, null));
        assertThat(jobs(json.toString(), settings)).isEqualTo(fromCsv);
        assertThat(jobs(parquet, settings)).isEqualTo(fromCsv);
    }

    @Test
    void splitVideoJoinsExactlyTheFramesOfTheWholeRender() throws Exception {
        Path portrait = Fixtures.media().resolve("people_0.png");
        Path audio = writeWav(dir.resolve("split.wav"), 800, FRAMES);
        Path jobs = Files.writeString(dir.resolve("split.csv"), "id,portrait,audio\nlong," + portrait + "," + audio);
        Path out = dir.resolve("split");
        Settings settings = Settings.defaults(checkpoints.toString(), out.toString()).withSplitFrames(2)
                .withKeepSegments(true);

        SparkJobs.Run run = SparkJobs.run(spark, SparkJobs.read(spark, jobs.toString()), settings);

        Row result = run.results().first();
        assertThat((String) result.getAs("status")).as(String.valueOf(result)).isEqualTo("ok");
        assertThat((Integer) result.getAs("frames")).isEqualTo(FRAMES);
        List<RgbImage> joined = new ArrayList<>();
        for (int i = 0; i < 2; i++) { // ranges 0..2 and 2..3 (batch size 2)
            try (InputStream in = Files.newInputStream(out.resolve("_segments/long/00000" + i + ".zip"))) {
                Segments.read(in, "segment " + i, joined::add);
            }
        }
        assertThat(out.resolve("_segments/long/000002.zip")).doesNotExist();
        assertThat(joined).isEqualTo(wholeRender(settings, portrait, audio));
        // the motion task prepares the portrait; the two range tasks render from the broadcast one
        assertThat(run.portraitsPrepared()).isEqualTo(1);
        Mp4Probe probe = Mp4Probe.read(out.resolve("long.mp4"));
        assertThat(probe.pictures()).isEqualTo(FRAMES);
        assertThat(probe.frameRate()).isEqualTo(25.0);
        assertThat(probe.sampleRate()).isEqualTo(16000);
        assertThat(probe.samplesPerChannel()).isBetween(FRAMES * 640L, FRAMES * 640L + 1024);
    }

    /** The frames of a single-process run with the job's request, before encoding. */
    private static List<RgbImage> wholeRender(Settings settings, Path portrait, Path audio) {
        TalkingHeadPipeline pipeline = Pipelines.get(new PipelineSpec(settings.checkpointDir(), settings.size(),
                settings.preprocess(), settings.still(), null, settings.batchSize(), settings.device()));
        GenerationRequest request = GenerationRequest.builder().portrait(portrait).audio(audio).build();
        PreparedPortrait prepared = pipeline.prepare(request, ProgressListener.NONE);
        MotionCoefficients motion = pipeline.motion(prepared, request, ProgressListener.NONE);
        List<RgbImage> frames = new ArrayList<>();
        try (FrameStream stream = pipeline.frames(prepared, motion, request, ProgressListener.NONE)) {
            stream.forEachRemaining(frames::add);
        }
        return frames;
    }

    /** The jobs of a table read through {@link SparkJobs#read}, by id. */
    private static List<JobSpec> jobs(String uri, Settings settings) {
        return SparkJobs.read(spark, uri).collectAsList().stream().map(row -> JobSpec.of(row, settings))
                .sorted(Comparator.comparing(JobSpec::id)).toList();
    }

    private static void assertVideo(Row row, Path out, int frames, int side) throws Exception {
        String id = row.getAs("id");
        assertThat((String) row.getAs("status")).as(String.valueOf(row)).isEqualTo("ok");
        assertThat((Integer) row.getAs("frames")).isEqualTo(frames);
        assertThat(Path.of(java.net.URI.create(row.getAs("output")))).isEqualTo(out.resolve(id + ".mp4"));
        Mp4Probe probe = Mp4Probe.read(out.resolve(id + ".mp4"));
        assertThat(probe.pictures()).isEqualTo(frames);
        assertThat(List.of(probe.width(), probe.height())).containsExactly(side, side);
    }

    private static RgbImage lastFrame(Path video) {
        RgbImage last = null;
        try (FrameStream frames = new FfmpegVideoDecoder().open(video)) {
            while (frames.hasNext()) {
                last = frames.next();
            }
        }
        return last;
    }

    /** A 5-frame video of {@code portrait} getting brighter from frame 0 (the portrait: a face is found in it). */
    private static Path brightnessRamp(RgbImage portrait, Path video) {
        try (VideoEncoder.Sink sink = new VideoWriter().open(video, portrait.width(), portrait.height(), 25, null)) {
            byte[] rgb = portrait.rgb();
            for (int f = 0; f < 5; f++) {
                byte[] frame = new byte[rgb.length];
                for (int i = 0; i < rgb.length; i++) {
                    frame[i] = (byte) Math.min(255, (rgb[i] & 0xFF) + 8 * f);
                }
                sink.write(RgbImage.wrap(portrait.width(), portrait.height(), frame));
            }
            sink.commit();
        }
        return video;
    }

    private static void assertFailed(Row row, String type, String message) {
        assertThat((String) row.getAs("status")).as(String.valueOf(row)).isEqualTo("failed");
        assertThat((String) row.getAs("error_type")).as(String.valueOf(row)).isEqualTo(type);
        assertThat((String) row.getAs("error")).contains(message);
        assertThat((Object) row.getAs("output")).isNull();
    }

    /** A 16 kHz mono 16-bit wav of {@code frames} video frames (640 samples each) of the fixture speech. */
    private static Path writeWav(Path path, int offset, int frames) throws Exception {
        int count = frames * 640;
        ByteBuffer data = ByteBuffer.allocate(count * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            data.putShort((short) Math.max(-32768, Math.min(32767, Math.round(speech[offset + i] * 32768f))));
        }
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + count * 2)
                .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
                .putShort((short) 1).putInt(16000).putInt(32000).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(count * 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header.array());
        out.write(data.array());
        return Files.write(path, out.toByteArray());
    }
}
