package io.sadtalker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.sadtalker.core.Landmarks;
import io.sadtalker.core.ProgressListener;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.pipeline.GenerationRequest;
import io.sadtalker.core.pipeline.PreparedPortrait;
import io.sadtalker.core.pipeline.TalkingHeadPipeline;
import io.sadtalker.core.stage.FrameStream;
import io.sadtalker.testkit.FixtureCase;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One loaded pipeline serves concurrent calls: three threads get exactly the frames of a sequential run. */
class ConcurrentGenerateTest {
    @TempDir
    Path dir;

    @Test
    void threeThreadsMatchTheSequentialRun() throws Exception {
        PipelineInputs inputs = PipelineInputs.first();
        FixtureCase source = inputs.source();
        Path checkpoints = inputs.checkpoints();
        Landmarks full = inputs.full();
        Landmarks crop = inputs.crop();
        float[] samples;
        try (NDManager m = NDManager.newBaseManager()) {
            samples = source.input("wav", m).toFloatArray();
        }
        Path audio = writeWav(dir.resolve("three-frames.wav"), samples, 3 * 640); // 0.12 s: 3 frames
        GenerationRequest request = GenerationRequest.builder().portrait(source.file("portrait.png")).audio(audio)
                .landmarks(full).cropLandmarks(crop).seed(11).build();
        try (TalkingHeadPipeline pipeline = TalkingHeadPipeline.builder().checkpoints(checkpoints).batchSize(2)
                .landmarkDetector(image -> {
                    throw new AssertionError("landmarks are injected");
                }).build()) {
            PreparedPortrait portrait = pipeline.prepare(request, ProgressListener.NONE);
            List<RgbImage> sequential = frames(pipeline, portrait, request);
            assertThat(sequential).hasSize(3);
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<Future<List<RgbImage>>> runs = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    runs.add(pool.submit(() -> frames(pipeline, pipeline.prepare(request, ProgressListener.NONE),
                            request)));
                }
                for (Future<List<RgbImage>> run : runs) {
                    assertThat(run.get()).isEqualTo(sequential);
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    private static List<RgbImage> frames(TalkingHeadPipeline pipeline, PreparedPortrait portrait,
                                         GenerationRequest request) {
        List<RgbImage> out = new ArrayList<>();
        try (FrameStream stream = pipeline.frames(portrait, pipeline.motion(portrait, request, ProgressListener.NONE),
                request, ProgressListener.NONE)) {
            stream.forEachRemaining(out::add);
        }
        return out;
    }

    /** A 16 kHz mono 16-bit PCM wav of the first {@code count} samples. */
    private static Path writeWav(Path path, float[] samples, int count) throws Exception {
        ByteBuffer data = ByteBuffer.allocate(count * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            data.putShort((short) Math.max(-32768, Math.min(32767, Math.round(samples[i] * 32768f))));
        }
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes()).putInt(36 + count * 2).put("WAVE".getBytes()).put("fmt ".getBytes())
                .putInt(16).putShort((short) 1).putShort((short) 1).putInt(16000).putInt(32000)
                .putShort((short) 2).putShort((short) 16).put("data".getBytes()).putInt(count * 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header.array());
        out.write(data.array());
        return Files.write(path, out.toByteArray());
    }
}
