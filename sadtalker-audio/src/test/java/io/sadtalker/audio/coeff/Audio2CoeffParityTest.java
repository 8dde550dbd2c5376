package io.sadtalker.audio.coeff;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.sadtalker.audio.Tensors;
import io.sadtalker.core.CancellationToken;
import io.sadtalker.core.FaceCoefficients;
import io.sadtalker.core.MelWindows;
import io.sadtalker.core.config.Audio2PoseConfig;
import io.sadtalker.core.stage.Audio2CoeffOptions;
import io.sadtalker.testkit.FixtureCase;
import io.sadtalker.testkit.HostTensor;
import io.sadtalker.testkit.ParityAssert;
import io.sadtalker.testkit.ParityTests;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Parity of Audio2Exp, Audio2Pose and Audio2Coeff.generate with the fixture cases (synthetic weights). */
class Audio2CoeffParityTest {

    @TestFactory
    Stream<DynamicTest> audio2exp() {
        return ParityTests.cases("audio2exp", c -> {
            try (NDManager manager = NDManager.newBaseManager()) {
                Audio2Exp net = Audio2Exp.load(c.weights(manager));
                MelWindows mel = mel(c);
                float[] exp = net.test(manager, mel, Tensors.input(c, "ref"), Tensors.input(c, "ratio_gt"),
                        new CancellationToken());
                ParityAssert.checkAll(c, name -> name.equals("exp_coeff_pred")
                        ? HostTensor.of(exp, 1, mel.frames(), 64) : null);
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> audio2pose() {
        return ParityTests.cases("audio2pose", c -> {
            try (NDManager manager = NDManager.newBaseManager()) {
                Audio2Pose net = Audio2Pose.load(c.weights(manager), Audio2PoseConfig.DEFAULT);
                MelWindows mel = mel(c);
                int t = mel.frames();
                float[] ref = Tensors.input(c, "ref");
                float[] refPose = new float[6];
                System.arraycopy(ref, 64, refPose, 0, 6);
                Audio2Pose.Result r = net.test(manager, mel, refPose, c.params().get("pose_style").asInt(), noise(c),
                        new CancellationToken());
                float[] pose = r.posePred().clone();
                SavgolFilter.apply(pose, t, 6, SavgolFilter.sadTalkerWindow(t), 2);
                float[] exp = Tensors.input(c, "exp_coeff_pred");
                float[] coeffs = new float[t * 70];
                for (int i = 0; i < t; i++) {
                    System.arraycopy(exp, i * 64, coeffs, i * 70, 64);
                    System.arraycopy(pose, i * 6, coeffs, i * 70 + 64, 6);
                }
                ParityAssert.checkAll(c, name -> switch (name) {
                    case "pose_pred" -> HostTensor.of(r.posePred(), 1, t, 6);
                    case "pose_motion_pred" -> HostTensor.of(r.poseMotionPred(), 1, t, 6);
                    case "coeffs_3dmm" -> HostTensor.of(coeffs, t, 70);
                    default -> null;
                });
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> audio2coeff() {
        return ParityTests.cases("audio2coeff", c -> {
            try (NDManager manager = NDManager.newBaseManager();
                 SadTalkerAudio2Coeff a2c = SadTalkerAudio2Coeff.load(c.weights(manager, 0), c.weights(manager, 1))) {
                MelWindows mel = mel(c);
                int t = mel.frames();
                FaceCoefficients refPose = null;
                if (c.params().get("using_refpose").asBoolean()) {
                    float[] rp = Tensors.input(c, "refpose_coeff");
                    refPose = new FaceCoefficients(rp.length / 73, rp, null);
                }
                SadTalkerAudio2Coeff.Prediction p = a2c.predict(mel, Tensors.input(c, "ref"),
                        Tensors.input(c, "ratio_gt"), c.params().get("pose_style").asInt(), noise(c), refPose,
                        new CancellationToken());
                ParityAssert.checkAll(c, name -> switch (name) {
                    case "exp_coeff_pred" -> HostTensor.of(p.expCoeffPred(), 1, t, 64);
                    case "pose_pred" -> HostTensor.of(p.posePred(), 1, t, 6);
                    case "coeff_3dmm" -> HostTensor.of(p.coeffs().data(), t, 70);
                    case "coeff_3dmm_before_refpose" -> HostTensor.of(p.coeffsBeforeRefPose(), t, 70);
                    default -> null;
                });
            }
        });
    }

    static MelWindows mel(FixtureCase c) {
        float[] m = Tensors.input(c, "indiv_mels");
        return new MelWindows(m.length / 1280, m);
    }

    /** The captured {@code torch.randn(1, 64)} draws, in order; fails when more are asked for than were captured. */
    static Audio2CoeffOptions.NoiseSource noise(FixtureCase c) {
        float[] z = Tensors.input(c, "z");
        int[] next = {0};
        return (batch, dim) -> {
            assertThat(batch * dim).isEqualTo(64);
            assertThat((next[0] + 1) * 64).as("noise draws").isLessThanOrEqualTo(z.length);
            float[] d = new float[64];
            System.arraycopy(z, next[0]++ * 64, d, 0, 64);
            return d;
        };
    }
}
