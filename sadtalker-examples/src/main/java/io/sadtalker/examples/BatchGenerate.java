package io.sadtalker.examples;

import io.sadtalker.core.ProgressListener;
import io.sadtalker.core.pipeline.GenerationRequest;
import io.sadtalker.core.pipeline.PreparedPortrait;
import io.sadtalker.core.pipeline.TalkingHeadPipeline;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Many portraits times many audios with one loaded pipeline: each portrait is preprocessed once and reused, and
 * the videos are generated on a small thread pool (the pipeline is safe for concurrent calls); two may render at
 * once (each render holds ~1 GB of native memory at 256).
 * Args: checkpoints outputDir portrait1,portrait2,... audio1,audio2,...
 */
public final class BatchGenerate {
    private BatchGenerate() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[1]);
        String[] portraits = args[2].split(",");
        String[] audios = args[3].split(",");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (TalkingHeadPipeline pipeline = TalkingHeadPipeline.builder().checkpoints(Path.of(args[0]))
                .maxConcurrentRenders(2).build()) {
            List<Future<Path>> videos = new ArrayList<>();
            for (int p = 0; p < portraits.length; p++) {
                GenerationRequest base = GenerationRequest.builder().portrait(Path.of(portraits[p]))
                        .audio(Path.of(audios[0])).build();
                PreparedPortrait prepared = pipeline.prepare(base, ProgressListener.NONE);
                for (int a = 0; a < audios.length; a++) {
                    GenerationRequest request = GenerationRequest.builder().audio(Path.of(audios[a]))
                            .output(out.resolve("portrait" + p + "_audio" + a + ".mp4")).build();
                    videos.add(pool.submit(() -> pipeline.generate(prepared, request, ProgressListener.NONE)));
                }
            }
            for (Future<Path> v : videos) {
                System.out.println(v.get());
            }
        } finally {
            pool.shutdown();
        }
    }
}
