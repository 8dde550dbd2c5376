package io.sadtalker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.sadtalker.audio.decode.FfmpegAudioDecoder;
import io.sadtalker.audio.mel.SadTalkerMelSpectrogram;
import io.sadtalker.core.CropInfo;
import io.sadtalker.core.MelWindows;
import io.sadtalker.core.MotionCoefficients;
import io.sadtalker.core.Preprocess;
import io.sadtalker.core.ProgressListener;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.pipeline.GenerationRequest;
import io.sadtalker.core.pipeline.PreparedPortrait;
import io.sadtalker.core.pipeline.TalkingHeadPipeline;
import io.sadtalker.core.stage.FrameStream;
import io.sadtalker.core.stage.RenderRequest;
import io.sadtalker.render.FaceRenderData;
import io.sadtalker.testkit.FixtureCase;
import io.sadtalker.testkit.HostTensor;
import io.sadtalker.testkit.ParityAssert;
import io.sadtalker.testkit.ParityTests;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The whole chain of {@code inference.py} through the public {@link TalkingHeadPipeline} API, with the case's
 * injections (full-picture and crop landmarks, blink ratio, CVAE noise) and the default stages loaded from
 * synthetic official checkpoint files.
 */
class PipelineParityTest {

    @TestFactory
    Stream<DynamicTest> cases() {
        return ParityTests.cases("pipeline", PipelineParityTest::check);
    }

    private static void check(FixtureCase c) throws Exception {
        Preprocess mode = Preprocess.valueOf(c.params().get("preprocess").asText().toUpperCase(Locale.ROOT));
        int size = c.params().get("size").asInt();
        PipelineInputs inputs = PipelineInputs.of(c);
        float[] z;
        float[] ratio;
        try (NDManager m = NDManager.newBaseManager()) {
            z = c.input("z", m).toFloatArray();
            ratio = c.input("ratio_gt", m).toFloatArray();
        }
        int[] drawn = {0};
        GenerationRequest request = GenerationRequest.builder()
                .portrait(c.file("portrait.png")).audio(c.file("speech.wav"))
                .poseStyle(c.params().get("pose_style").asInt())
                .expressionScale((float) c.params().get("expression_scale").asDouble())
                .landmarks(inputs.full()).cropLandmarks(inputs.crop())
                .blinkRatio(ratio)
                .noise((batch, dim) -> {
                    float[] draw = new float[batch * dim];
                    System.arraycopy(z, drawn[0], draw, 0, draw.length);
                    drawn[0] += draw.length;
                    return draw;
                })
                .build();
        try (TalkingHeadPipeline pipeline = TalkingHeadPipeline.builder().checkpoints(inputs.checkpoints()).size(size)
                .preprocess(mode).still(c.params().get("still").asBoolean())
                .batchSize(c.params().get("batch_size").asInt())
                .landmarkDetector(image -> {
                    throw new AssertionError("the landmarks are injected; detection must not run");
                })
                .build()) {
            PreparedPortrait portrait = pipeline.prepare(request, ProgressListener.NONE);
            MotionCoefficients motion = pipeline.motion(portrait, request, ProgressListener.NONE);
            assertThat(drawn[0]).as("noise values drawn").isEqualTo(z.length);
            List<RgbImage> frames = new ArrayList<>();
            try (FrameStream stream = pipeline.frames(portrait, motion, request, ProgressListener.NONE)) {
                stream.forEachRemaining(frames::add);
            }
            CropInfo info = portrait.cropped().cropInfo();
            RgbImage first = frames.get(0);
            int n = frames.size();
            try (NDManager m = NDManager.newBaseManager()) {
                FaceRenderData data = FaceRenderData.create(new RenderRequest(portrait.cropped().face(),
                        portrait.coefficients(), motion, null, mode, c.params().get("still").asBoolean(),
                        (float) c.params().get("expression_scale").asDouble(), c.params().get("batch_size").asInt(),
                        null, null, null), size);
                // frames_256, and frames_final where the pipeline pastes back, are not exposed by the public API
                ParityAssert.checkListed(c, name -> switch (name) {
                    case "crop_info_size" -> HostTensor.of(new int[] {info.cropWidth(), info.cropHeight()}, 2);
                    case "crop_box" -> HostTensor.of(new int[] {info.clx(), info.cly(), info.crx(), info.cry()}, 4);
                    case "crop_quad" -> HostTensor.of(new double[] {info.lx(), info.ly(), info.rx(), info.ry()}, 4);
                    case "cropped_png" -> HostTensor.of(u8(List.of(portrait.cropped().face()), false), 256, 256, 3);
                    case "first_coeff_3dmm" -> HostTensor.of(portrait.coefficients().coeff73(), 1, 73);
                    case "first_full_3dmm" -> HostTensor.of(portrait.coefficients().full257(), 1, 257);
                    case "indiv_mels" -> {
                        MelWindows mel = new SadTalkerMelSpectrogram().windows(
                                new FfmpegAudioDecoder().decode16k(request.audio()));
                        yield HostTensor.of(mel.data(), 1, mel.frames(), 1, 80, 16);
                    }
                    case "coeff_3dmm" -> HostTensor.of(motion.data(), motion.frames(), 70);
                    case "source_semantics_batch" -> HostTensor.of(data.sourceSemantics(m));
                    case "target_semantics" -> HostTensor.of(data.targetSemanticsList(m));
                    case "frames_final" -> mode.pastesBack() ? null
                            : HostTensor.of(u8(frames, false), n, first.height(), first.width(), 3);
                    case "pasted_bgr" -> mode.pastesBack()
                            ? HostTensor.of(u8(frames, true), n, first.height(), first.width(), 3) : null;
                    default -> null;
                });
            }
        }
    }

    private static int[] u8(List<RgbImage> images, boolean bgr) {
        int per = images.get(0).width() * images.get(0).height() * 3;
        int[] out = new int[images.size() * per];
        for (int i = 0; i < images.size(); i++) {
            byte[] px = bgr ? images.get(i).bgr() : images.get(i).rgb();
            for (int j = 0; j < per; j++) {
                out[i * per + j] = px[j] & 0xFF;
            }
        }
        return out;
    }
}
