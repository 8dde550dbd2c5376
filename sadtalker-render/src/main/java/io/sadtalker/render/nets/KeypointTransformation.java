package io.sadtalker.render.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * {@code make_animation.keypoint_transformation} and its helpers: canonical keypoints rotated by the head pose,
 * translated and shifted by the expression deltas of a {@link Mapping}.
 */
final class KeypointTransformation {
    /** SadTalker converts degrees to radians with 3.14, not pi; kept for parity. */
    private static final float PI_SADTALKER = 3.14f;

    private KeypointTransformation() {
    }

    /**
     * {@code headpose_pred_to_degree}: softmax over the bins (the original's {@code F.softmax} without dim picks
     * dim 1 for 2-D input), expected bin index, {@code * 3 - 99} degrees. (B, bins) to (B,).
     */
    public static NDArray headposePredToDegree(NDArray pred) {
        long bins = pred.getShape().get(1);
        NDArray idx = pred.getManager().arange(0, (int) bins, 1, DataType.FLOAT32);
        return pred.softmax(1).mul(idx).sum(new int[] {1}).mul(3f).sub(99f);
    }

    /**
     * {@code get_rotation_matrix(yaw, pitch, roll)} from degrees (B,): {@code pitch_mat @ yaw_mat @ roll_mat}
     * with pitch about x, yaw about y, roll about z. (B, 3, 3).
     */
    public static NDArray getRotationMatrix(NDArray yaw, NDArray pitch, NDArray roll) {
        NDArray y = radians(yaw);
        NDArray p = radians(pitch);
        NDArray r = radians(roll);
        NDArray one = p.onesLike();
        NDArray zero = p.zerosLike();
        NDArray pitchMat = matrix(one, zero, zero, zero, p.cos(), p.sin().neg(), zero, p.sin(), p.cos());
        NDArray yawMat = matrix(y.cos(), zero, y.sin(), zero, one, zero, y.sin().neg(), zero, y.cos());
        NDArray rollMat = matrix(r.cos(), r.sin().neg(), zero, r.sin(), r.cos(), zero, zero, zero, one);
        return pitchMat.matMul(yawMat).matMul(rollMat);
    }

    /** {@link #keypointTransformation(NDArray, Mapping, NDArray, NDArray, NDArray)} without angle overrides. */
    public static NDArray keypointTransformation(NDArray kpCanonical, Mapping he) {
        return keypointTransformation(kpCanonical, he, null, null, null);
    }

    /**
     * {@code keypoint_transformation(kp_canonical, he)}: {@code R kp + t + exp}. {@code yawIn}, {@code pitchIn},
     * {@code rollIn} (B,) in degrees, when not null, replace the decoded angles ({@code he['yaw_in']} etc.).
     * As in the original, the x and z components of {@code t} are zeroed; the original does it in place on
     * {@code he['t']}, which SadTalker never reads again, so here {@code he} is left unchanged.
     */
    public static NDArray keypointTransformation(NDArray kpCanonical, Mapping he, NDArray yawIn, NDArray pitchIn,
                                                 NDArray rollIn) {
        NDArray yaw = yawIn != null ? yawIn : headposePredToDegree(he.yaw());
        NDArray pitch = pitchIn != null ? pitchIn : headposePredToDegree(he.pitch());
        NDArray roll = rollIn != null ? rollIn : headposePredToDegree(he.roll());
        NDArray rot = getRotationMatrix(yaw, pitch, roll);
        NDArray kpRotated = kpCanonical.matMul(rot.transpose(0, 2, 1));
        NDManager manager = he.t().getManager();
        NDArray keepY = manager.create(new float[] {0f, 1f, 0f});
        long b = he.t().getShape().get(0);
        NDArray t = he.t().mul(keepY).reshape(b, 1, 3);
        return kpRotated.add(t).add(he.exp().reshape(b, -1, 3));
    }

    private static NDArray radians(NDArray degrees) {
        return degrees.div(180f).mul(PI_SADTALKER);
    }

    private static NDArray matrix(NDArray... entries) {
        long b = entries[0].getShape().get(0);
        return NDArrays.stack(new NDList(entries), 1).reshape(b, 3, 3);
    }
}
