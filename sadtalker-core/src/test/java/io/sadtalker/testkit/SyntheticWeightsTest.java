package io.sadtalker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The three self-checks of the fixtures README, section 1. */
class SyntheticWeightsTest {
    static final String MAPPING_SHA256 = "5b3c1c218d778498fd4fadbc17b7a2f62a4f1139c293500f1e6abff67dac5a80";

    @Test
    void firstFourUniformDrawsOfSpecX() {
        long h = SyntheticWeights.hash("spec", "x");
        assertThat(new double[] {SyntheticWeights.u(h, 0), SyntheticWeights.u(h, 1), SyntheticWeights.u(h, 2),
                SyntheticWeights.u(h, 3)})
                .containsExactly(0.07148754596710205, 0.6669098138809204, 0.2765754461288452, 0.6185106635093689);
        float[] f = new float[4];
        SyntheticWeights.fillUniform(h, 0, 1, 0, f, 0, 4);
        assertThat(f).containsExactly(0.07148754596710205f, 0.6669098138809204f, 0.2765754461288452f,
                0.6185106635093689f);
    }

    @Test
    void mappingFirstBiasBitPatterns() {
        Manifest.Tensor bias = tensor(Manifest.load("mapping_00229-model.pth.tar.json"), "first.0.bias");
        float[] v = SyntheticWeights.floats("dev-1", bias);
        assertThat(new int[] {Float.floatToRawIntBits(v[0]), Float.floatToRawIntBits(v[1]), Float.floatToRawIntBits(v[2])})
                .containsExactly(0xbd9207f8, 0xbd989702, 0x3d0633f6);
    }

    @Test
    void mappingSha256OverAllTensors() throws Exception {
        Manifest m = Manifest.load("mapping_00229-model.pth.tar");
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long floats = 0;
        for (Manifest.Tensor t : m.tensors()) {
            SyntheticWeights.writeLittleEndian("dev-1", t, sha::update);
            floats += t.elementCount();
        }
        assertThat(m.tensors()).hasSize(18);
        assertThat(floats).isEqualTo(10_195_190L);
        assertThat(HexFormat.of().formatHex(sha.digest())).isEqualTo(MAPPING_SHA256);
    }

    @Test
    void chunkedStreamEqualsWholeTensor() throws Exception {
        Manifest.Tensor big = new Manifest.Tensor("k", new long[] {3, 70_001}, io.sadtalker.core.weights.TensorDType.F32,
                new Manifest.Uniform(-0.5, 0.25), null);
        float[] whole = SyntheticWeights.floats("s", big);
        ByteBuffer all = ByteBuffer.allocate(whole.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        SyntheticWeights.writeLittleEndian("s", big, all::put);
        float[] streamed = new float[whole.length];
        all.flip().asFloatBuffer().get(streamed);
        assertThat(java.util.Arrays.equals(streamed, whole)).as("streamed equals whole").isTrue();
    }

    static Manifest.Tensor tensor(Manifest m, String key) {
        return m.tensors().stream().filter(t -> t.key().equals(key)).findFirst().orElseThrow();
    }
}
