package io.sadtalker.audio.coeff;

import static org.assertj.core.api.Assertions.assertThat;

import io.sadtalker.core.FaceCoefficients;
import org.junit.jupiter.api.Test;

class ReferenceCoefficientsTest {
    /** Row r of a 3-frame reference: every value is 100 * r + column. */
    private static FaceCoefficients ramp(int frames) {
        float[] c = new float[frames * 73];
        for (int r = 0; r < frames; r++) {
            for (int j = 0; j < 73; j++) {
                c[r * 73 + j] = 100 * r + j;
            }
        }
        return new FaceCoefficients(frames, c, null);
    }

    @Test
    void refPoseIsTiledAndRelativeToItsFirstFrame() {
        float[] coeffs = new float[7 * 70];
        ReferenceCoefficients.applyRefPose(coeffs, 7, ramp(3));
        // rows 0,1,2,0,1,2,0 of the reference: offsets 0, 100, 200, 0, 100, 200, 0 on columns 64..69
        float[] offsets = {0, 100, 200, 0, 100, 200, 0};
        for (int t = 0; t < 7; t++) {
            for (int j = 0; j < 70; j++) {
                assertThat(coeffs[t * 70 + j]).isEqualTo(j >= 64 ? offsets[t] : 0f);
            }
        }
    }

    @Test
    void eyeBlinkReferenceReplacesTheExpressionOfTheRepeatedSource() {
        FaceCoefficients source = ramp(2);
        float[] ref = SadTalkerAudio2Coeff.referenceCoefficients(source, ramp(3), 4);
        float[] plain = SadTalkerAudio2Coeff.referenceCoefficients(source, null, 4);
        for (int t = 0; t < 4; t++) {
            for (int j = 0; j < 70; j++) {
                assertThat(plain[t * 70 + j]).isEqualTo((float) j);
                assertThat(ref[t * 70 + j]).isEqualTo(j < 64 ? 100 * (t % 3) + j : (float) j);
            }
        }
    }
}
