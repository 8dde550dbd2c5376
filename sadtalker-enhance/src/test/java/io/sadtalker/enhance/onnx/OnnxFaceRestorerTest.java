package io.sadtalker.enhance.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sadtalker.core.CheckpointException;
import io.sadtalker.core.FaceBox;
import io.sadtalker.core.image.CvResize;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.FaceDetector;
import io.sadtalker.enhance.FaceMask;
import io.sadtalker.enhance.GFPGANer;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GFPGANer on OnnxFaceRestorer, with the tiny models of src/test/onnx/make_test_models.py. */
class OnnxFaceRestorerTest {
    /** A full-crop paste mask, so that the pasted face is the restorer's output. */
    private static final FaceMask FULL = (face, size, manager) -> {
        double[] m = new double[size * size];
        Arrays.fill(m, 1.0);
        return m;
    };

    private static Path model(String name) throws URISyntaxException {
        return Path.of(OnnxFaceRestorerTest.class.getResource("/onnx/" + name).toURI());
    }

    /** A smooth 128x128 test frame and a face box with plausible landmarks. */
    private static RgbImage frame() {
        int n = 128;
        byte[] rgb = new byte[n * n * 3];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                int i = (y * n + x) * 3;
                rgb[i] = (byte) (40 + x);
                rgb[i + 1] = (byte) (60 + y);
                rgb[i + 2] = (byte) (100 + (x + y) / 4);
            }
        }
        return RgbImage.wrap(n, n, rgb);
    }

    /** GFPGANer's flow around {@code restorer} with the full-crop mask, upscale 2. */
    private static GFPGANer enhancer(FaceDetector detector, OnnxFaceRestorer restorer) {
        return GFPGANer.builder().faceDetector(detector).restorer(restorer).faceMask(FULL).build();
    }

    private static FaceBox face() {
        return new FaceBox(30, 30, 98, 106, 0.99f, new float[] {48, 58, 80, 58, 64, 75, 51, 90, 77, 90});
    }

    private static void assertInverted(GFPGANer.Restoration r, int size) {
        assertThat(r.faces()).hasSize(1);
        byte[] cropped = r.faces().get(0).croppedBgr();
        byte[] restored = r.faces().get(0).restoredBgr();
        assertThat(restored).hasSize(size * size * 3);
        for (int i = 0; i < restored.length; i++) {
            assertThat(restored[i] & 0xFF).as("pixel %d", i).isEqualTo(255 - (cropped[i] & 0xFF));
        }
    }

    @Test
    void gfpganPresetNormalisesToMinusOneOne() throws Exception {
        try (GFPGANer e = enhancer(f -> List.of(face()),
                OnnxFaceRestorer.open(model("neg_512.onnx"), OnnxPreset.gfpgan("1.4")))) {
            RgbImage in = frame();
            GFPGANer.Restoration r = e.restore(in, List.of(face()), 0);
            // -x in [-1, 1] is 255 - v in pixels: the normalisation and tensor2img round trip is exact
            assertInverted(r, 512);
            RgbImage out = r.image();
            assertThat(out.width()).isEqualTo(256);
            assertThat(out.height()).isEqualTo(256);
            RgbImage background = CvResize.resize(in, 256, 256, CvResize.Interpolation.LANCZOS4);
            // far from the face: the Lanczos background; at the nose (64, 75) * 2: the inverted face
            assertThat(out.get(4, 250, 1)).isEqualTo(background.get(4, 250, 1));
            for (int c = 0; c < 3; c++) {
                assertThat(out.get(128, 150, c) + background.get(128, 150, c)).isCloseTo(255, org.assertj.core.data.Offset.offset(6));
            }
            assertThat(e.enhance(in).width()).isEqualTo(256);
        }
    }

    @Test
    void codeFormerPassesFidelityAsDouble() throws Exception {
        try (GFPGANer e = enhancer(f -> List.of(),
                OnnxFaceRestorer.open(model("codeformer_512.onnx"), OnnxPreset.codeFormer(0.5)))) {
            assertInverted(e.restore(frame(), List.of(face()), 0), 512);
        }
    }

    @Test
    void zeroOnePresetAndFaceSize256() throws Exception {
        OnnxPreset preset = new OnnxPreset("custom", "input", "output", 256, 0f, 1f, 0f, 1f, Map.of());
        try (GFPGANer e = enhancer(f -> List.of(), OnnxFaceRestorer.open(model("one_minus_256.onnx"), preset))) {
            assertInverted(e.restore(frame(), List.of(face()), 0), 256);
        }
    }

    @Test
    void noFacePassesThroughUpscaled() throws Exception {
        try (GFPGANer e = enhancer(f -> List.of(),
                OnnxFaceRestorer.open(model("neg_512.onnx"), OnnxPreset.gfpgan("1.4")))) {
            RgbImage in = frame();
            assertThat(e.enhance(in)).isEqualTo(CvResize.resize(in, 256, 256, CvResize.Interpolation.LANCZOS4));
        }
    }

    @Test
    void mismatchedModelNamesExpectedAndActualTensors() throws Exception {
        Path m = model("one_minus_256.onnx");
        assertThatThrownBy(() -> OnnxFaceRestorer.open(m, OnnxPreset.gfpgan("1.4")))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("GFPGAN-1.4")
                .hasMessageContaining("input: FLOAT [1, 3, 512, 512]")
                .hasMessageContaining("input: FLOAT [1, 3, 256, 256]");
        assertThatThrownBy(() -> OnnxFaceRestorer.open(m, OnnxPreset.codeFormer(0.7)))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("weight");
        assertThatThrownBy(() -> OnnxFaceRestorer.open(m.resolveSibling("missing.onnx"), OnnxPreset.gfpgan("1.4")))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("missing.onnx");
    }
}
