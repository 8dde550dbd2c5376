package io.sadtalker.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sadtalker.core.CancellationToken;
import io.sadtalker.core.FaceBox;
import io.sadtalker.core.InvalidInputException;
import io.sadtalker.core.MediaLimits;
import io.sadtalker.core.Preprocess;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.FaceDetector;
import io.sadtalker.core.stage.FaceEnhancer;
import io.sadtalker.core.stage.LandmarkDetector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StagesTest {
    private static final RgbImage PICTURE = RgbImage.of(2, 2, new byte[12]);

    /** A detector that counts its calls and closes. */
    static final class CountingDetector implements FaceDetector, AutoCloseable {
        int calls;
        int closes;

        @Override
        public List<FaceBox> detect(RgbImage image) {
            calls++;
            return List.of();
        }

        @Override
        public void close() {
            closes++;
        }
    }

    /** Offers the face detector, a landmark detector and an enhancer named "Stub", each using the shared detector. */
    static final class SharingProvider implements StageProvider {
        final List<CountingDetector> detectors = new ArrayList<>();
        final List<FaceDetector> handedOut = new ArrayList<>();
        int created;

        @Override
        public <T> T create(Class<T> stage, StageContext context) {
            created++;
            if (stage == FaceDetector.class) {
                CountingDetector d = new CountingDetector();
                detectors.add(d);
                return stage.cast(d);
            }
            if (stage == LandmarkDetector.class) {
                FaceDetector shared = context.faceDetector();
                handedOut.add(shared);
                return stage.cast((LandmarkDetector) image -> {
                    shared.detect(image);
                    return null;
                });
            }
            if (stage == FaceEnhancer.class && "stub".equalsIgnoreCase(context.config().enhancer())) {
                FaceDetector shared = context.faceDetector();
                handedOut.add(shared);
                return stage.cast((FaceEnhancer) frame -> {
                    shared.detect(frame);
                    return frame;
                });
            }
            return null;
        }

        @Override
        public List<String> enhancers() {
            return List.of("Stub");
        }

        @Override
        public List<String> backgroundEnhancers() {
            return List.of("stubgan");
        }
    }

    private static PipelineConfig config(String enhancer, String background) {
        return new PipelineConfig(Path.of("checkpoints"), 256, Preprocess.CROP, false, 2, enhancer, background, "cpu",
                false, MediaLimits.defaults());
    }

    /** Every stage but the landmark detector and the enhancer given, as a caller would. */
    private static Stages explicit() {
        Stages s = new Stages();
        s.cropper = (image, landmarks, mode, size) -> null;
        s.extractor = (face, landmarks) -> null;
        s.audioDecoder = audio -> null;
        s.mel = samples -> null;
        s.audio2Coeff = (mel, source, options) -> null;
        s.renderer = request -> null;
        s.paster = (frame, full, cropInfo, extended) -> frame;
        s.videoDecoder = path -> null;
        s.encoder = (target, width, height, fps, audio) -> null;
        return s;
    }

    @Test
    void theLandmarkStageAndTheEnhancerShareOneDetectorThatIsClosedOnce() {
        SharingProvider provider = new SharingProvider();
        Stages stages = explicit().complete(config("STUB", null), new StageProviders(List.of(provider)),
                new CancellationToken());
        assertThat(provider.detectors).as("loaded once for both stages").hasSize(1);
        stages.landmarks.detect(PICTURE);
        stages.enhancer.enhance(PICTURE);
        CountingDetector detector = provider.detectors.get(0);
        assertThat(detector.calls).isEqualTo(2);
        assertThat(provider.handedOut).hasSize(2).allSatisfy(d -> assertThat(d).isNotInstanceOf(AutoCloseable.class));
        stages.close();
        stages.close();
        assertThat(detector.closes).isEqualTo(1);
    }

    @Test
    void aGivenDetectorIsSharedAndLeftToTheCaller() {
        SharingProvider provider = new SharingProvider();
        CountingDetector own = new CountingDetector();
        Stages given = explicit();
        given.faceDetector = own;
        Stages stages = given.complete(config("stub", null), new StageProviders(List.of(provider)),
                new CancellationToken());
        stages.landmarks.detect(PICTURE);
        stages.enhancer.enhance(PICTURE);
        stages.close();
        assertThat(provider.detectors).isEmpty();
        assertThat(own.calls).isEqualTo(2);
        assertThat(own.closes).isZero();
    }

    @Test
    void noDetectorLoadsWhenNoStageAsksForOne() {
        SharingProvider provider = new SharingProvider();
        Stages given = explicit();
        given.landmarks = image -> null;
        given.complete(config(null, null), new StageProviders(List.of(provider)), new CancellationToken()).close();
        assertThat(provider.created).isZero();
    }

    @Test
    void unknownEnhancerNamesFailBeforeAnyStageLoads() {
        SharingProvider provider = new SharingProvider();
        StageProviders providers = new StageProviders(List.of(provider));
        assertThatThrownBy(() -> explicit().complete(config("gfpgna", null), providers, new CancellationToken()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("face enhancer named 'gfpgna'").hasMessageContaining("Stub")
                .hasMessageContaining("builder().enhancer(");
        assertThatThrownBy(() -> explicit().complete(config("stub", "esrgan4x"), providers, new CancellationToken()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("background enhancer named 'esrgan4x'").hasMessageContaining("stubgan");
        assertThat(provider.created).isZero();
    }
}
