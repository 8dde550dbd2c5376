package io.sadtalker.examples;

import io.sadtalker.core.ProgressListener;
import io.sadtalker.core.pipeline.GenerationRequest;
import io.sadtalker.core.pipeline.TalkingHeadPipeline;
import java.nio.file.Path;

/** The smallest program: one portrait, one speech file, one mp4. Args: checkpoints portrait audio output. */
public final class MinimalGenerate {
    private MinimalGenerate() {
    }

    public static void main(String[] args) {
        try (TalkingHeadPipeline pipeline = TalkingHeadPipeline.builder().checkpoints(Path.of(args[0])).build()) {
            Path video = pipeline.generate(GenerationRequest.builder()
                    .portrait(Path.of(args[1])).audio(Path.of(args[2])).output(Path.of(args[3])).build(),
                    ProgressListener.NONE);
            System.out.println(video);
        }
    }
}
