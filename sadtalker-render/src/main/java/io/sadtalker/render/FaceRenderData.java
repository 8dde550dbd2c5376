package io.sadtalker.render;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.sadtalker.core.FaceCoefficients;
import io.sadtalker.core.MotionCoefficients;
import io.sadtalker.core.SadTalkerException;
import io.sadtalker.core.image.ImageTensors;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.image.SkimageResize;
import io.sadtalker.core.stage.RenderRequest;
import java.util.Arrays;

/**
 * The renderer's input batch, as {@code get_facerender_data} of {@code src/generate_facerender_batch.py}.
 *
 * <p>Coefficient rows have {@code 70} values ({@code crop}, {@code extcrop}, {@code resize}) or {@code 73} in the
 * full modes, where every target frame gets the source's 3 crop values appended; target expressions are scaled
 * by the expression scale; in still mode the target pose (and crop values) is the source's. Every frame is fed
 * as a window of 27 frames (radius 13, indices clamped). The frame list is padded to a multiple of the batch size
 * with the last window and laid out {@code (batch_size, n, C, 27)}: row {@code b} holds frames
 * {@code b*n .. b*n+n-1}, so generator step {@code k} renders frames {@code k, n+k, 2n+k, ...}.
 *
 * <p>Only the coefficient table is held; windows are built on demand for any run of consecutive frames
 * ({@link #targetSemantics(int, int, NDManager)}), so memory does not grow with the video beyond
 * {@code frames x C} floats. Every frame's window (and head-pose angle) depends only on its own index, so a
 * renderer may batch consecutive frames instead of the original's strided rows and get the same frames in order.
 */
public final class FaceRenderData {
    /** Window radius of the original ({@code semantic_radius = 13}). */
    public static final int SEMANTIC_RADIUS = 13;
    /** Window length, {@code 2 * 13 + 1}. */
    public static final int WINDOW = 2 * SEMANTIC_RADIUS + 1;

    private final RgbImage sourceFace;
    private final int size;
    private final int batchSize;
    private final int frameNum;
    private final int steps;
    private final int width;
    private final float[] source;
    private final float[] target;
    private final float[] yaw;
    private final float[] pitch;
    private final float[] roll;

    private FaceRenderData(RgbImage sourceFace, int size, int batchSize, int frameNum, int width, float[] source,
                           float[] target, float[] yaw, float[] pitch, float[] roll) {
        this.sourceFace = sourceFace;
        this.size = size;
        this.batchSize = batchSize;
        this.frameNum = frameNum;
        this.steps = paddedCount(frameNum, batchSize) / batchSize;
        this.width = width;
        this.source = source;
        this.target = target;
        this.yaw = yaw;
        this.pitch = pitch;
        this.roll = roll;
    }

    /**
     * Prepares the data of {@code request} for a model of {@code size}: its motion applied to its source face (any
     * size; resized to {@code size} as skimage does) whose 3DMM coefficients are the request's (first row used),
     * with its preprocess mode, still mode, expression scale, batch size and key angles (each null or the values of
     * {@code --input_yaw}, ...).
     */
    public static FaceRenderData create(RenderRequest request, int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("model size must be positive, got " + size);
        }
        int batchSize = request.batchSize();
        float expressionScale = request.expressionScale();
        boolean still = request.still();
        MotionCoefficients motion = request.motion();
        float[] first = request.sourceCoefficients().frame(0);
        for (int i = 0; i < first.length; i++) {
            if (!Float.isFinite(first[i])) {
                throw new SadTalkerException("source 3DMM coefficient " + i + " is not finite: " + first[i]);
            }
        }
        boolean full = request.preprocess().pastesBack();
        int width = full ? FaceCoefficients.WIDTH : MotionCoefficients.WIDTH;
        float[] source = Arrays.copyOf(first, width);
        int frames = motion.frames();
        float[] generated = motion.data();
        float[] target = new float[frames * width];
        for (int f = 0; f < frames; f++) {
            int row = f * width;
            System.arraycopy(generated, f * MotionCoefficients.WIDTH, target, row, MotionCoefficients.WIDTH);
            for (int c = 0; c < 64; c++) {
                target[row + c] *= expressionScale;
            }
            if (full) {
                System.arraycopy(source, MotionCoefficients.WIDTH, target, row + MotionCoefficients.WIDTH,
                        width - MotionCoefficients.WIDTH);
            }
            if (still) {
                System.arraycopy(source, 64, target, row + 64, width - 64);
            }
        }
        return new FaceRenderData(request.sourceFace(), size, batchSize, frames, width, source, target,
                angles(request.yaw(), frames, batchSize), angles(request.pitch(), frames, batchSize),
                angles(request.roll(), frames, batchSize));
    }

    /** {@code gen_camera_pose} of key angles, or null without them. */
    private static float[] angles(int[] keys, int frames, int batchSize) {
        return keys == null ? null : CameraPose.sequence(keys, frames, batchSize);
    }

    /** Frames padded up to a multiple of the batch size. */
    static int paddedCount(int frameNum, int batchSize) {
        int remainder = frameNum % batchSize;
        return remainder == 0 ? frameNum : frameNum + batchSize - remainder;
    }

    /** {@code data['frame_num']}: frames to keep after rendering. */
    public int frameNum() {
        return frameNum;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Generator steps {@code n} (the second axis of {@code target_semantics_list}). */
    public int steps() {
        return steps;
    }

    /** Coefficients per row: 70, or 73 in the full modes. */
    public int semanticWidth() {
        return width;
    }

    /** {@code data['source_image']}: {@code (B, 3, size, size)} float32 RGB in [0, 1]. */
    public NDArray sourceImage(NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray chw = ImageTensors.toChwFloat(sourceFace, scope);
            NDArray resized = SkimageResize.resize(chw, size, size);
            NDArray batch = resized.expandDims(0).repeat(0, batchSize);
            batch.attach(manager);
            return batch;
        }
    }

    /** {@code data['source_semantics']}: {@code (B, C, 27)}, the source row repeated over the window. */
    public NDArray sourceSemantics(NDManager manager) {
        float[] out = new float[batchSize * width * WINDOW];
        for (int c = 0; c < width; c++) {
            Arrays.fill(out, c * WINDOW, (c + 1) * WINDOW, source[c]);
        }
        for (int b = 1; b < batchSize; b++) {
            System.arraycopy(out, 0, out, b * width * WINDOW, width * WINDOW);
        }
        return manager.create(out, new Shape(batchSize, width, WINDOW));
    }

    /**
     * The windows of the consecutive (padded) frames {@code from .. from+count-1}: {@code (count, C, 27)}. Frame
     * {@code f} is element {@code [f / n, f % n]} of {@code target_semantics_list}; frames past the last are the
     * padding (the last window repeated).
     */
    public NDArray targetSemantics(int from, int count, NDManager manager) {
        checkRange(from, count);
        float[] out = new float[count * width * WINDOW];
        for (int i = 0; i < count; i++) {
            writeWindow(Math.min(from + i, frameNum - 1), out, i * width * WINDOW);
        }
        return manager.create(out, new Shape(count, width, WINDOW));
    }

    /** {@code data['target_semantics_list']}: {@code (B, n, C, 27)}, all frames in the original's layout. */
    public NDArray targetSemanticsList(NDManager manager) {
        return targetSemantics(0, batchSize * steps, manager).reshape(batchSize, steps, width, WINDOW);
    }

    /**
     * {@code yaw_c_seq} of the frames {@code from .. from+count-1} ({@code (count,)} degrees; element
     * {@code [f / n, f % n]} of the original's {@code (B, n)} array), or null without {@code --input_yaw}.
     */
    public NDArray yaw(int from, int count, NDManager manager) {
        return angles(yaw, from, count, manager);
    }

    /** {@code pitch_c_seq} of frames {@code from .. from+count-1}, or null. */
    public NDArray pitch(int from, int count, NDManager manager) {
        return angles(pitch, from, count, manager);
    }

    /** {@code roll_c_seq} of frames {@code from .. from+count-1}, or null. */
    public NDArray roll(int from, int count, NDManager manager) {
        return angles(roll, from, count, manager);
    }

    private NDArray angles(float[] sequence, int from, int count, NDManager manager) {
        if (sequence == null) {
            return null;
        }
        checkRange(from, count);
        return manager.create(Arrays.copyOfRange(sequence, from, from + count));
    }

    /** {@code transform_semantic_target}: rows {@code frame-13 .. frame+13} clamped, transposed to (C, 27). */
    private void writeWindow(int frame, float[] out, int offset) {
        for (int j = 0; j < WINDOW; j++) {
            int src = Math.min(Math.max(frame - SEMANTIC_RADIUS + j, 0), frameNum - 1) * width;
            for (int c = 0; c < width; c++) {
                out[offset + c * WINDOW + j] = target[src + c];
            }
        }
    }

    private void checkRange(int from, int count) {
        if (from < 0 || count <= 0 || from + count > batchSize * steps) {
            throw new IndexOutOfBoundsException("frames " + from + ".." + (from + count - 1) + " outside 0.."
                    + (batchSize * steps - 1));
        }
    }
}
