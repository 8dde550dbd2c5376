package io.sadtalker.spark;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.sadtalker.core.MotionCoefficients;
import io.sadtalker.core.ProgressListener;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.pipeline.GenerationRequest;
import io.sadtalker.core.pipeline.PreparedPortrait;
import io.sadtalker.core.pipeline.TalkingHeadPipeline;
import io.sadtalker.core.stage.FrameStream;
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
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs on {@code local[2]} with synthetic full-size checkpoints (every stage runs for real, detection included)
 * and 0.12 s audios (3 frames): a batch with good and bad rows, a shared portrait prepared once, and a split video
 * equal to the whole render.
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
        checkpoints = SyntheticCheckpoints.directory("cli", "dev-1", "SadTalker_V0.0.2_256.safetensors.json",
                "mapping_00229-model.pth.tar.json", "detection_Resnet50_Final.pth.json",
                "alignment_WFLW_4HG.pth.json");
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
        Path first = writeWav(dir.resolve("first.wav"), 0);
        Path second = writeWav(dir.resolve("second.wav"), 1600);
        Path broken = Files.writeString(dir.resolve("broken.wav"), "not a wav file");
        Path jobs = Files.writeString(dir.resolve("jobs.csv"), String.join("\n",
                "id,portrait,audio,seed",
                "first," + portrait.toUri() + "," + first + ",1",
                "second," + portrait.toUri() + "," + second + ",",
                "broken," + portrait.toUri() + "," + broken + ",",
                "missing," + dir.resolve("missing.png") + "," + first + ",",
                "bad-seed," + portrait + "," + first + ",soon"));
        Path out = dir.resolve("batch");

        SparkJobs.Run run = SparkJobs.run(spark, SparkJobs.read(spark, jobs.toString()),
                Settings.defaults(checkpoints.toString(), out.toUri().toString()));

        Map<String, Row> results = run.results().collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("id"), Function.identity()));
        assertThat(run.results().collectAsList()).extracting(r -> r.getAs("id"))
                .containsExactly("first", "second", "broken", "missing", "bad-seed");
        for (String id : List.of("first", "second")) {
            Row ok = results.get(id);
            assertThat((String) ok.getAs("status")).as(String.valueOf(ok)).isEqualTo("ok");
            assertThat((Integer) ok.getAs("frames")).isEqualTo(FRAMES);
            assertThat(Path.of(java.net.URI.create(ok.getAs("output")))).isEqualTo(out.resolve(id + ".mp4"));
            assertThat(Mp4Probe.read(out.resolve(id + ".mp4")).pictures()).isEqualTo(FRAMES);
        }
        assertFailed(results.get("broken"), "MediaException", "broken.wav");
        assertFailed(results.get("missing"), "MediaException", "missing.png");
        assertFailed(results.get("bad-seed"), "InvalidInputException", "seed must be a number");
        // first, second and broken share the portrait: one group, prepared once; missing fails before preparing
        assertThat(run.portraitsPrepared()).isEqualTo(1);
        assertThat(Pipelines.loads()).isEqualTo(1);
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("first.mp4",
                    "second.mp4");
        }
    }

    @Test
    void splitVideoJoinsExactlyTheFramesOfTheWholeRender() throws Exception {
        Path portrait = Fixtures.media().resolve("people_0.png");
        Path audio = writeWav(dir.resolve("split.wav"), 800);
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
        // the motion task and the two range tasks each prepare the portrait
        assertThat(run.portraitsPrepared()).isEqualTo(3);
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

    private static void assertFailed(Row row, String type, String message) {
        assertThat((String) row.getAs("status")).as(String.valueOf(row)).isEqualTo("failed");
        assertThat((String) row.getAs("error_type")).as(String.valueOf(row)).isEqualTo(type);
        assertThat((String) row.getAs("error")).contains(message);
        assertThat((Object) row.getAs("output")).isNull();
    }

    /** A 16 kHz mono 16-bit wav of {@code FRAMES} video frames (640 samples each) of the fixture speech. */
    private static Path writeWav(Path path, int offset) throws Exception {
        int count = FRAMES * 640;
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
