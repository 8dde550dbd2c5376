package io.sadtalker.enhance;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC2;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_64FC1;
import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.sadtalker.core.FaceBox;
import io.sadtalker.core.image.OpenCvImages;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.global.opencv_calib3d;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The geometry of facexlib's {@code FaceRestoreHelper} (utils/face_restoration_helper.py) as GFPGANer uses it:
 * faces with an eye distance below the threshold are dropped, the five landmarks are fitted to the 512 template
 * ({@code cv2.estimateAffinePartial2D}, LMEDS), the face is warped to the crop with the grey border
 * (135, 133, 132), and restored faces are pasted back into the upscaled frame through the inverse affine
 * ({@code invertAffineTransform * upscale}, then {@code + 0.5 * upscale} on the translation) with a soft mask,
 * over a Lanczos-4 upscaled background, blended in float64 and truncated to uint8. All pixels are HWC BGR
 * uint8 (OpenCV's order). Stateless; safe for concurrent calls.
 */
final class FaceRestoreHelper {
    /** facexlib's five-point template for a 512 face (left eye, right eye, nose, mouth left, mouth right). */
    private static final double[] TEMPLATE_512 = {
        192.98138, 239.94708, 318.90277, 240.1936, 256.63416, 314.01935, 201.26117, 371.41043, 313.08905, 371.15118};
    private static final Scalar BORDER = new Scalar(135, 133, 132, 0);

    private final int faceSize;
    private final int upscale;
    private final double eyeDistThreshold;

    /** {@code faceSize} of the aligned crop, {@code upscale} of the output, faces with smaller eye distance skipped. */
    FaceRestoreHelper(int faceSize, int upscale, double eyeDistThreshold) {
        if (faceSize < 1 || upscale < 1) {
            throw new IllegalArgumentException("faceSize and upscale must be positive: " + faceSize + ", " + upscale);
        }
        this.faceSize = faceSize;
        this.upscale = upscale;
        this.eyeDistThreshold = eyeDistThreshold;
    }

    int faceSize() {
        return faceSize;
    }

    int upscale() {
        return upscale;
    }

    /** {@code get_face_landmarks_5}: the landmarks (10 values) of every face whose eye distance reaches the threshold. */
    List<float[]> landmarks5(List<FaceBox> faces) {
        List<float[]> out = new ArrayList<>();
        for (FaceBox f : faces) {
            float[] lm = f.landmarks5();
            float dx = lm[0] - lm[2];
            float dy = lm[1] - lm[3];
            if (Math.sqrt((double) dx * dx + (double) dy * dy) >= eyeDistThreshold) {
                out.add(lm);
            }
        }
        return out;
    }

    /** {@code cv2.estimateAffinePartial2D(landmarks, template, method=LMEDS)}: the 2x3 similarity, row-major. */
    double[] affineMatrix(float[] landmarks5) {
        double scale = faceSize / 512.0;
        float[] template = new float[10];
        for (int i = 0; i < 10; i++) {
            template[i] = (float) (TEMPLATE_512[i] * scale);
        }
        try (Mat from = points(landmarks5); Mat to = points(template); Mat inliers = new Mat();
             Mat m = opencv_calib3d.estimateAffinePartial2D(from, to, inliers, opencv_calib3d.LMEDS, 3, 2000, 0.99, 10)) {
            if (m.empty()) {
                return null;
            }
            return doubles(m, 6);
        }
    }

    /** {@code align_warp_face}: warps the BGR frame to the {@code faceSize} crop (bilinear, grey constant border). */
    byte[] alignWarpFace(Mat bgr, double[] affine) {
        try (Mat m = matrix(affine); Mat out = new Mat()) {
            opencv_imgproc.warpAffine(bgr, out, m, new Size(faceSize, faceSize), opencv_imgproc.INTER_LINEAR,
                    BORDER_CONSTANT, BORDER);
            return OpenCvImages.bytes(out);
        }
    }

    /** {@code get_inverse_affine} plus the paste step's in-place {@code [:, 2] += 0.5 * upscale} (upscale > 1). */
    double[] inverseAffine(double[] affine) {
        try (Mat m = matrix(affine); Mat inv = new Mat()) {
            opencv_imgproc.invertAffineTransform(m, inv);
            double[] out = doubles(inv, 6);
            double offset = upscale > 1 ? 0.5 * upscale : 0;
            for (int i = 0; i < 6; i++) {
                out[i] *= upscale;
            }
            out[2] += offset;
            out[5] += offset;
            return out;
        }
    }

    /** One restored face to paste: its crop (BGR), inverse affine and soft mask (faceSize² float64, or null). */
    record Paste(byte[] restoredBgr, double[] inverseAffine, double[] mask) {
    }

    /**
     * {@code paste_faces_to_input_image}: the background is {@code upsampledBgr} (the bg_upsampler's output) or,
     * when null, the frame, Lanczos-4 resized to {@code upscale} times the frame; each face is warped back
     * (bilinear, zero border) and blended with its warped soft mask in float64; result truncated to uint8.
     * Returns HWC BGR bytes of the upscaled frame.
     */
    byte[] pasteFacesToInputImage(Mat bgr, List<Paste> faces, Mat upsampledBgr, NDManager manager) {
        int wUp = bgr.cols() * upscale;
        int hUp = bgr.rows() * upscale;
        Size size = new Size(wUp, hUp);
        try (Mat background = new Mat()) {
            opencv_imgproc.resize(upsampledBgr != null ? upsampledBgr : bgr, background, size, 0, 0,
                    opencv_imgproc.INTER_LANCZOS4);
            byte[] bg = OpenCvImages.bytes(background);
            if (faces.isEmpty()) {
                return bg;
            }
            try (NDManager scope = manager.newSubManager()) {
                NDArray acc = u8(scope, bg, hUp, wUp);
                for (Paste p : faces) {
                    try (Mat inv = matrix(p.inverseAffine());
                         Mat face = OpenCvImages.bgrMat(faceSize, faceSize, p.restoredBgr());
                         Mat warped = new Mat(); Mat mask = maskMat(p.mask()); Mat warpedMask = new Mat()) {
                        opencv_imgproc.warpAffine(face, warped, inv, size);
                        opencv_imgproc.warpAffine(mask, warpedMask, inv, size, opencv_imgproc.INTER_AREA,
                                BORDER_CONSTANT, new Scalar(0));
                        NDArray m = scope.create(doubles(warpedMask, wUp * hUp), new Shape(hUp, wUp, 1));
                        NDArray face64 = u8(scope, OpenCvImages.bytes(warped), hUp, wUp);
                        acc = m.mul(face64).add(m.neg().add(1).mul(acc));
                    }
                }
                // numpy astype(uint8) truncates toward zero; the blend stays within [0, 255]
                return acc.clip(0, 255).floor().toType(DataType.UINT8, false).toByteArray();
            }
        }
    }

    private static NDArray u8(NDManager manager, byte[] hwc, int h, int w) {
        return manager.create(ByteBuffer.wrap(hwc), new Shape(h, w, 3), DataType.UINT8).toType(DataType.FLOAT64, false);
    }

    private Mat maskMat(double[] mask) {
        Mat m = new Mat(faceSize, faceSize, CV_64FC1);
        ((DoubleBuffer) m.createBuffer()).put(mask);
        return m;
    }

    private static Mat points(float[] xy) {
        Mat m = new Mat(xy.length / 2, 1, CV_32FC2);
        ((FloatBuffer) m.createBuffer()).put(xy);
        return m;
    }

    private static Mat matrix(double[] affine) {
        Mat m = new Mat(2, 3, CV_64F);
        ((DoubleBuffer) m.createBuffer()).put(affine);
        return m;
    }

    private static double[] doubles(Mat m, int n) {
        if (m.depth() != CV_64F || m.total() * m.channels() != n) {
            throw new IllegalStateException("expected " + n + " float64 values, got a Mat of type " + m.type());
        }
        double[] out = new double[n];
        try (Mat c = m.clone()) {
            ((DoubleBuffer) c.createBuffer()).get(out);
        }
        return out;
    }
}
