package io.sadtalker.core.stage;

import io.sadtalker.core.InvalidInputException;
import io.sadtalker.core.CropInfo;
import io.sadtalker.core.FaceCoefficients;
import io.sadtalker.core.MotionCoefficients;
import io.sadtalker.core.Preprocess;
import io.sadtalker.core.image.RgbImage;

/**
 * What {@link FaceRenderer} animates: the cropped source face (any size; resized to the model size as
 * {@code get_facerender_data}), its 3DMM coefficients (one frame, 73 values), the motion, and the options of
 * {@code inference.py} that reach the renderer. {@code yaw}, {@code pitch}, {@code roll}: optional key
 * angles in degrees ({@code --input_yaw} ...), interpolated over the frames as {@code gen_camera_pose}.
 */
public record RenderRequest(RgbImage sourceFace, FaceCoefficients sourceCoefficients, MotionCoefficients motion,
                            CropInfo cropInfo, Preprocess preprocess, boolean still, float expressionScale,
                            int batchSize, int[] yaw, int[] pitch, int[] roll) {
    public RenderRequest {
        if (batchSize <= 0) {
            throw new InvalidInputException("batch size must be positive, got " + batchSize);
        }
        if (!Float.isFinite(expressionScale)) {
            throw new InvalidInputException("expression scale must be finite, got " + expressionScale);
        }
    }
}
