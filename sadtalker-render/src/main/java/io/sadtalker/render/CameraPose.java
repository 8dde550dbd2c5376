package io.sadtalker.render;

import io.sadtalker.core.SadTalkerException;

/**
 * {@code gen_camera_pose} of {@code src/generate_facerender_batch.py}: turns the key angles of
 * {@code --input_yaw/--input_pitch/--input_roll} (degrees) into one angle per frame, padded to a multiple of the
 * batch size with the last value, laid out {@code (batch_size, n)} row-major like the original's reshape.
 */
final class CameraPose {
    private CameraPose() {
    }

    /**
     * The per-frame angles, {@code padded} values (a multiple of {@code batchSize}, at least {@code frameNum});
     * element {@code b * n + k} is row {@code b}, column {@code k} of the original's {@code (batch_size, -1)} array.
     */
    public static float[] sequence(int[] degrees, int frameNum, int batchSize) {
        if (degrees == null || degrees.length == 0) {
            throw new SadTalkerException("a head-pose sequence needs at least one angle");
        }
        if (frameNum <= 0 || batchSize <= 0) {
            throw new IllegalArgumentException("frame count and batch size must be positive");
        }
        int padded = FaceRenderData.paddedCount(frameNum, batchSize);
        double[] perFrame = degrees.length == 1 ? constant(degrees[0], frameNum) : interpolate(degrees, frameNum);
        float[] out = new float[padded];
        for (int i = 0; i < padded; i++) {
            out[i] = (float) perFrame[Math.min(i, frameNum - 1)];
        }
        return out;
    }

    private static double[] constant(int degree, int frameNum) {
        double[] out = new double[frameNum];
        java.util.Arrays.fill(out, degree);
        return out;
    }

    /** Equal angular speed over all segments: {@code np.arange(last, next, step)} per segment, then cut/extended. */
    private static double[] interpolate(int[] degrees, int frameNum) {
        if (frameNum == 1) {
            throw new SadTalkerException("a head-pose sequence of " + degrees.length
                    + " angles needs at least 2 frames (the original divides by frame_num - 1)");
        }
        double degreeSum = 0;
        for (int i = 1; i < degrees.length; i++) {
            degreeSum += Math.abs(degrees[i] - degrees[i - 1]);
        }
        double degreePerFrame = degreeSum / (frameNum - 1);
        double[] out = new double[frameNum];
        int count = 0;
        for (int i = 1; i < degrees.length && count < frameNum; i++) {
            int last = degrees[i - 1];
            int next = degrees[i];
            if (next == last) {
                throw new SadTalkerException("consecutive head-pose angles must differ (the original divides by their"
                        + " difference), got " + last + " twice at position " + (i - 1));
            }
            double step = degreePerFrame * Math.abs(next - last) / (next - last);
            count = arange(last, next, step, out, count);
        }
        for (int i = count; i < frameNum; i++) {
            out[i] = out[count - 1];
        }
        return out;
    }

    /**
     * Appends {@code np.arange(start, stop, step)} (float64) to {@code out} from {@code count}, dropping what
     * does not fit. numpy takes {@code ceil((stop - start) / step)} values, {@code start + i * delta} with
     * {@code delta = (start + step) - start}.
     */
    private static int arange(double start, double stop, double step, double[] out, int count) {
        long length = (long) Math.ceil((stop - start) / step);
        double delta = (start + step) - start;
        for (long i = 0; i < length && count < out.length; i++) {
            out[count++] = i == 0 ? start : i == 1 ? start + step : start + i * delta;
        }
        return count;
    }
}
