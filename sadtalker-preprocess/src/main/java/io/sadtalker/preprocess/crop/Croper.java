package io.sadtalker.preprocess.crop;

import io.sadtalker.core.Landmarks;
import io.sadtalker.core.NoFaceDetectedException;
import io.sadtalker.core.SadTalkerException;
import io.sadtalker.core.image.CvResize;
import io.sadtalker.core.image.RgbImage;
import java.util.function.DoubleUnaryOperator;

/**
 * SadTalker's {@code src/utils/croper.py} {@code Preprocesser.align_face} and {@code Preprocesser.crop}, given the
 * 68 landmarks of the full picture (the landmark detection of {@code get_landmark} is a separate stage).
 *
 * <p>The arithmetic follows the original's numpy types: with float32 landmarks (the detectors' output) the eye/mouth
 * averages stay float32, the oriented quad is float64. Quirks kept on purpose: {@code ry} is clamped with the picture
 * <em>width</em>; {@code align_face}'s own PIL resize only feeds its size arithmetic (the pixels come from
 * {@code crop()}'s cv2 INTER_LINEAR resize to {@code rsize}); the quad gets +0.5 and is truncated with {@code int()}
 * where it is used. Stateless and safe for concurrent use.
 */
final class Croper {
    private Croper() {
    }

    /** The result of {@code Preprocesser.crop} for one picture: the cropped pixels and the alignment. */
    public record Result(RgbImage cropped, FaceAlignment alignment) {
    }

    /**
     * {@code align_face(img, lm, output_size)} for a picture of {@code width x height} and 68 float32 landmarks, as
     * the landmark detectors return them (the production path).
     */
    public static FaceAlignment alignFace(Landmarks lm, int width, int height, int outputSize) {
        if (lm.count() != 68) {
            throw new SadTalkerException("align_face needs 68 landmarks, got " + lm.count());
        }
        float[] xy = lm.xy();
        double[] d = new double[xy.length];
        for (int i = 0; i < xy.length; i++) {
            d[i] = xy[i];
        }
        return alignFace(d, true, width, height, outputSize);
    }

    /**
     * {@code align_face} for 68 landmarks held as float64 ({@code xy} = x0, y0, x1, ...): numpy then keeps the
     * eye/mouth averages in float64 too, which moves the quad by up to ~1e-4 px on large pictures.
     */
    public static FaceAlignment alignFaceFloat64(double[] xy, int width, int height, int outputSize) {
        if (xy.length != 68 * 2) {
            throw new SadTalkerException("align_face needs 68 landmarks, got " + xy.length / 2);
        }
        return alignFace(xy.clone(), false, width, height, outputSize);
    }

    /** {@code align_face}; {@code f32}: the landmarks are float32 and so are the averages derived from them. */
    private static FaceAlignment alignFace(double[] lm, boolean f32, int width, int height, int outputSize) {
        DoubleUnaryOperator r = f32 ? v -> (float) v : v -> v;
        double[] eyeLeft = mean(lm, 36, 42, r);
        double[] eyeRight = mean(lm, 42, 48, r);
        double[] eyeAvg = {r.applyAsDouble(r.applyAsDouble(eyeLeft[0] + eyeRight[0]) * 0.5),
                r.applyAsDouble(r.applyAsDouble(eyeLeft[1] + eyeRight[1]) * 0.5)};
        double[] eyeToEye = {r.applyAsDouble(eyeRight[0] - eyeLeft[0]), r.applyAsDouble(eyeRight[1] - eyeLeft[1])};
        double[] mouthAvg = {r.applyAsDouble(r.applyAsDouble(lm[96] + lm[108]) * 0.5),
                r.applyAsDouble(r.applyAsDouble(lm[97] + lm[109]) * 0.5)};
        double[] eyeToMouth = {r.applyAsDouble(mouthAvg[0] - eyeAvg[0]), r.applyAsDouble(mouthAvg[1] - eyeAvg[1])};

        // x = eye_to_eye - flipud(eye_to_mouth) * [-1, 1]: times an int64 list, so float64 from here on
        double x0 = eyeToEye[0] + eyeToMouth[1];
        double x1 = eyeToEye[1] - eyeToMouth[0];
        double norm = Math.hypot(x0, x1);
        x0 /= norm;
        x1 /= norm;
        // np.hypot of float32 values is float32; numpy 1.x promotes float32 scalar * Python float to float64
        double scale = Math.max(hypot(eyeToEye, f32) * 2.0, hypot(eyeToMouth, f32) * 1.8);
        x0 *= scale;
        x1 *= scale;
        double y0 = -x1;
        double y1 = x0;
        // c = eye_avg + eye_to_mouth * 0.1 keeps the landmarks' precision (0.1 becomes 0.1f for float32)
        double tenth = f32 ? 0.1f : 0.1;
        double c0 = r.applyAsDouble(eyeAvg[0] + r.applyAsDouble(eyeToMouth[0] * tenth));
        double c1 = r.applyAsDouble(eyeAvg[1] + r.applyAsDouble(eyeToMouth[1] * tenth));
        double[][] quad = {
                {c0 - x0 - y0, c1 - x1 - y1},
                {c0 - x0 + y0, c1 - x1 + y1},
                {c0 + x0 + y0, c1 + x1 + y1},
                {c0 + x0 - y0, c1 + x1 - y1}};
        double qsize = Math.hypot(x0, x1) * 2;

        // Shrink: only the size arithmetic of the original's PIL resize matters here.
        int shrink = (int) Math.floor(qsize / outputSize * 0.5);
        int rw = (int) Math.rint(width);
        int rh = (int) Math.rint(height);
        if (shrink > 1) {
            rw = (int) Math.rint((double) width / shrink);
            rh = (int) Math.rint((double) height / shrink);
            for (double[] q : quad) {
                q[0] /= shrink;
                q[1] /= shrink;
            }
            qsize /= shrink;
        }

        // Crop.
        int border = Math.max((int) Math.rint(qsize * 0.1), 3);
        int clx = Math.max((int) Math.floor(min(quad, 0)) - border, 0);
        int cly = Math.max((int) Math.floor(min(quad, 1)) - border, 0);
        int crx = Math.min((int) Math.ceil(max(quad, 0)) + border, rw);
        int cry = Math.min((int) Math.ceil(max(quad, 1)) + border, rh);
        if (crx - clx < rw || cry - cly < rh) {
            for (double[] q : quad) {
                q[0] -= clx;
                q[1] -= cly;
            }
        }

        // Transform: quad + 0.5, flattened as (x0, y0, x1, y1, x2, y2, x3, y3).
        double lx = Math.max(Math.min(quad[0][0] + 0.5, quad[1][0] + 0.5), 0);
        double ly = Math.max(Math.min(quad[0][1] + 0.5, quad[3][1] + 0.5), 0);
        double rx = Math.min(Math.max(quad[2][0] + 0.5, quad[3][0] + 0.5), rw);
        double ry = Math.min(Math.max(quad[1][1] + 0.5, quad[2][1] + 0.5), rw); // the original clamps with the width
        return new FaceAlignment(rw, rh, clx, cly, crx, cry, lx, ly, rx, ry);
    }

    /**
     * {@code Preprocesser.crop([image], still, xsize)}: align, cv2-resize the picture to {@code rsize}, cut the crop
     * box and, unless {@code still}, the quad {@code [int(ly):int(ry), int(lx):int(rx)]} inside it.
     */
    public static Result crop(RgbImage image, Landmarks lm, boolean still, int xsize) {
        return crop(image, alignFace(lm, image.width(), image.height(), xsize), still);
    }

    /** The pixel part of {@code Preprocesser.crop} for an alignment computed beforehand. */
    public static Result crop(RgbImage image, FaceAlignment a, boolean still) {
        RgbImage resized = CvResize.linear(image, a.rsizeWidth(), a.rsizeHeight());
        RgbImage box = slice(resized, a.clx(), a.cly(), a.crx(), a.cry());
        RgbImage out = still ? box : slice(box, (int) a.lx(), (int) a.ly(), (int) a.rx(), (int) a.ry());
        return new Result(out, a);
    }

    /**
     * numpy's {@code img[y0:y1, x0:x1]} (bounds clamped as Python slices are). An empty result (a tiny or degenerate
     * detection; the original then fails in {@code cv2.resize}) is refused as no usable face.
     */
    static RgbImage slice(RgbImage image, int x0, int y0, int x1, int y1) {
        int sx = clampIndex(x0, image.width());
        int ex = clampIndex(x1, image.width());
        int sy = clampIndex(y0, image.height());
        int ey = clampIndex(y1, image.height());
        int w = ex - sx;
        int h = ey - sy;
        if (w <= 0 || h <= 0) {
            throw new NoFaceDetectedException("no usable face: the detected face gives the empty crop [" + y0 + ":" + y1
                    + ", " + x0 + ":" + x1 + "] of a " + image.width() + "x" + image.height() + " picture");
        }
        if (sx == 0 && sy == 0 && w == image.width() && h == image.height()) {
            return image;
        }
        byte[] src = image.rgb();
        byte[] dst = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            System.arraycopy(src, ((sy + y) * image.width() + sx) * 3, dst, y * w * 3, w * 3);
        }
        return RgbImage.wrap(w, h, dst);
    }

    private static int clampIndex(int i, int n) {
        int j = i < 0 ? i + n : i;
        return Math.max(0, Math.min(j, n));
    }

    /** {@code np.mean(lm[from:to], axis=0)}: sequential sum and a division, each rounded by {@code r}. */
    private static double[] mean(double[] lm, int from, int to, DoubleUnaryOperator r) {
        double sx = lm[2 * from];
        double sy = lm[2 * from + 1];
        for (int i = from + 1; i < to; i++) {
            sx = r.applyAsDouble(sx + lm[2 * i]);
            sy = r.applyAsDouble(sy + lm[2 * i + 1]);
        }
        return new double[] {r.applyAsDouble(sx / (to - from)), r.applyAsDouble(sy / (to - from))};
    }

    /** {@code np.hypot}: C {@code hypotf} for float32 values, {@code hypot} for float64. */
    private static double hypot(double[] v, boolean f32) {
        return f32 ? (float) Math.sqrt(v[0] * v[0] + v[1] * v[1]) : Math.hypot(v[0], v[1]);
    }

    private static double min(double[][] quad, int axis) {
        double m = quad[0][axis];
        for (double[] q : quad) {
            m = Math.min(m, q[axis]);
        }
        return m;
    }

    private static double max(double[][] quad, int axis) {
        double m = quad[0][axis];
        for (double[] q : quad) {
            m = Math.max(m, q[axis]);
        }
        return m;
    }
}
