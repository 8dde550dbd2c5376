package io.sadtalker.examples;

import io.sadtalker.core.ProgressListener;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.pipeline.GenerationRequest;
import io.sadtalker.core.pipeline.TalkingHeadPipeline;
import io.sadtalker.core.stage.FaceEnhancer;
import java.nio.file.Path;

/**
 * A user-written {@link FaceEnhancer} dropped into the pipeline: here a simple contrast stretch of every frame,
 * standing in for your own restoration model. Args: checkpoints portrait audio output.
 */
public final class CustomEnhancer implements FaceEnhancer {
    private final float gain;

    public CustomEnhancer(float gain) {
        this.gain = gain;
    }

    @Override
    public RgbImage enhance(RgbImage frame) {
        byte[] rgb = frame.rgb();
        for (int i = 0; i < rgb.length; i++) {
            float v = ((rgb[i] & 0xFF) - 128f) * gain + 128f;
            rgb[i] = (byte) Math.max(0, Math.min(255, Math.round(v)));
        }
        return RgbImage.wrap(frame.width(), frame.height(), rgb);
    }

    public static void main(String[] args) {
        try (TalkingHeadPipeline pipeline = TalkingHeadPipeline.builder().checkpoints(Path.of(args[0]))
                .enhancer(new CustomEnhancer(1.1f)).build()) {
            System.out.println(pipeline.generate(GenerationRequest.builder().portrait(Path.of(args[1]))
                    .audio(Path.of(args[2])).output(Path.of(args[3])).build(), ProgressListener.NONE));
        }
    }
}
