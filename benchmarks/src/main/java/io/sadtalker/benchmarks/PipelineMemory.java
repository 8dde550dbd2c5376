package io.sadtalker.benchmarks;

import io.sadtalker.core.Preprocess;
import io.sadtalker.core.image.CvResize;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.pipeline.GenerationRequest;
import io.sadtalker.core.pipeline.TalkingHeadPipeline;
import io.sadtalker.core.stage.FaceRenderer;
import io.sadtalker.core.stage.QueuedFrameStream;
import io.sadtalker.render.PredictionFrames;
import io.sadtalker.testkit.Fixtures;
import io.sadtalker.testkit.SyntheticCheckpoints;
import java.io.BufferedInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Peak memory of a whole generation against the audio length: portrait {@code people_0.png} and the media speech
 * looped to {@code <seconds>}, preprocess {@code full} (detection, landmarks, 3DMM, audio to coefficients, paste-back
 * into the 474x474 image, H.264 encoding with the audio), synthetic full-size checkpoints. The face renderer is
 * replaced by one that streams the source face for every frame: the real renderer's memory per frame is flat (see
 * {@link RenderSoak}) but costs ~6 s a frame, which would make 5 minutes of audio a 12-hour run; everything else is
 * the default pipeline. Prints the peak RSS, the peak Java heap and the frame count. Usage:
 * {@code PipelineMemory <seconds> <output.mp4>}.
 */
public final class PipelineMemory {
    private PipelineMemory() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = Double.parseDouble(args[0]);
        Path output = Path.of(args[1]);
        Path audio = loopedSpeech(seconds, Files.createTempFile("speech", ".wav"));
        Path ckpt = SyntheticCheckpoints.directory("pipeline-memory", "dev-1", "SadTalker_V0.0.2_256.safetensors.json",
                "mapping_00109-model.pth.tar.json", "detection_Resnet50_Final.pth.json", "alignment_WFLW_4HG.pth.json");
        AtomicLong frames = new AtomicLong();
        FaceRenderer sourceFace = request -> {
            int[] wh = PredictionFrames.frameSize(request.cropInfo(), 256);
            int n = request.motion().frames();
            return new QueuedFrameStream(n, 5, "source-face-renderer", sink -> {
                for (int i = 0; i < n; i++) {
                    sink.put(CvResize.linear(request.sourceFace(), wh[0], wh[1]));
                    frames.incrementAndGet();
                }
            }, () -> { });
        };
        long start = System.nanoTime();
        try (TalkingHeadPipeline pipeline = TalkingHeadPipeline.builder().checkpoints(ckpt).preprocess(Preprocess.FULL)
                .renderer(sourceFace).build()) {
            pipeline.generate(GenerationRequest.builder().portrait(Fixtures.media().resolve("people_0.png"))
                    .audio(audio).output(output).seed(1).build(), (stage, done, total) -> { });
        } finally {
            Files.deleteIfExists(audio);
        }
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPeak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("audio %.0f s: %d frames in %.1f s, peak RSS %d MiB, peak Java heap %d MiB%n", seconds,
                frames.get(), (System.nanoTime() - start) / 1e9, status("VmHWM:") >> 10, heapPeak >> 20);
    }

    /** The media speech repeated to {@code seconds} (16-bit PCM wav, its own rate and channels). */
    private static Path loopedSpeech(double seconds, Path target) throws IOException, UnsupportedAudioFileException {
        File speech = Fixtures.media().resolve("bus_chinese.wav").toFile();
        byte[] once;
        AudioFileFormat format = AudioSystem.getAudioFileFormat(speech);
        try (AudioInputStream in = AudioSystem.getAudioInputStream(speech)) {
            once = in.readAllBytes();
        }
        long frameCount = (long) (seconds * format.getFormat().getFrameRate());
        InputStream looping = new InputStream() {
            private int position;

            @Override
            public int read() {
                int b = once[position] & 0xff;
                position = (position + 1) % once.length;
                return b;
            }
        };
        try (AudioInputStream out = new AudioInputStream(new BufferedInputStream(looping), format.getFormat(),
                frameCount)) {
            AudioSystem.write(out, AudioFileFormat.Type.WAVE, target.toFile());
        }
        return target;
    }

    private static long status(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.replaceAll("\\D+", ""));
            }
        }
        return -1;
    }
}
