package io.sadtalker.preprocess.face3d;

import ai.djl.ndarray.NDManager;
import io.sadtalker.core.NoFaceDetectedException;
import io.sadtalker.core.SadTalkerException;
import io.sadtalker.core.image.RgbImage;

/**
 * {@code align_img} of {@code src/face3d/util/preprocess.py} (Deep3DFaceRecon): {@code extract_5p}, the {@code POS}
 * least-squares fit of the five landmarks to the standard 3D points, {@code s = 102 / s}, and
 * {@code resize_n_crop_img}: PIL BICUBIC resize to {@code (int32(w0*s), int32(h0*s))}, then a 224 x 224 PIL crop
 * (zero fill outside) at offsets truncated with {@code astype(np.int32)}. Stateless and safe for concurrent use.
 */
final class AlignImg {
    /** {@code align_img}'s {@code target_size}. */
    public static final double TARGET_SIZE = 224.;
    /** {@code align_img}'s {@code rescale_factor}. */
    public static final double RESCALE_FACTOR = 102.;
    /** Largest resized side accepted; larger scales only come from degenerate landmarks. */
    private static final int MAX_SIDE = 1 << 14;

    private AlignImg() {
    }

    /**
     * The outputs of {@code align_img}: {@code trans_params = [w0, h0, s, tx, ty]} (float32 as
     * {@code CropAndExtract} keeps them), the 224 x 224 RGB face and the landmarks in the crop (y up).
     */
    public record Aligned(float[] transParams, RgbImage image, float[] lmNew) {
    }

    /**
     * {@code align_img(img, lm, lm3D)} with {@code lm} the 68 (or, used as they are, 5) (x, y) float32 landmarks
     * already flipped to y-up ({@code y = H - 1 - y}) and {@code lm3d} the 5 x 3 standard points.
     */
    public static Aligned alignImg(RgbImage img, float[] lm, float[][] lm3d, NDManager manager) {
        if (lm.length != 68 * 2 && lm.length != 5 * 2) {
            throw new SadTalkerException("align_img needs 68 or 5 (x, y) landmarks, got " + lm.length + " values");
        }
        int n = lm.length / 2;
        float[][] points = new float[n][];
        for (int i = 0; i < n; i++) {
            points[i] = new float[] {lm[2 * i], lm[2 * i + 1]};
        }
        float[][] lm5p = n == 5 ? points : StandardLandmarks.fivePoints(points);
        double[] ts = pos(lm5p, lm3d);
        double tx = ts[0];
        double ty = ts[1];
        double s = RESCALE_FACTOR / ts[2];

        // resize_n_crop_img
        int w0 = img.width();
        int h0 = img.height();
        int w = (int) (w0 * s);
        int h = (int) (h0 * s);
        if (w <= 0 || h <= 0 || w > MAX_SIDE || h > MAX_SIDE) {
            throw new NoFaceDetectedException("no usable face: align_img's landmarks give a degenerate scale " + s
                    + " (resize of a " + w0 + "x" + h0 + " frame to " + w + "x" + h + ")");
        }
        double half = TARGET_SIZE / 2;
        int left = (int) (w / 2.0 - half + (tx - w0 / 2.0) * s);
        int up = (int) (h / 2.0 - half + (h0 / 2.0 - ty) * s);
        RgbImage resized = PilBicubic.resize(img, w, h, manager);
        RgbImage face = cropZeroFill(resized, left, up, (int) TARGET_SIZE, (int) TARGET_SIZE);

        float[] lmNew = new float[n * 2];
        for (int i = 0; i < n; i++) {
            lmNew[2 * i] = (float) ((points[i][0] - tx + w0 / 2.0) * s - (w / 2.0 - half));
            lmNew[2 * i + 1] = (float) ((points[i][1] - ty + h0 / 2.0) * s - (h / 2.0 - half));
        }
        float[] transParams = {w0, h0, (float) s, (float) tx, (float) ty};
        return new Aligned(transParams, face, lmNew);
    }

    /**
     * {@code POS(xp, x)}: the least-squares affine camera {@code [R1 sTx; R2 sTy]} mapping the 3D points onto the
     * 2D points; returns {@code (sTx, sTy, (|R1| + |R2|) / 2)}. The 10 x 8 system of the original decouples into
     * one 5 x 4 problem per image axis, solved here by Householder QR.
     */
    static double[] pos(float[][] xp, float[][] x) {
        int n = x.length;
        double[][] a = new double[n][4];
        double[] bx = new double[n];
        double[] by = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = new double[] {x[i][0], x[i][1], x[i][2], 1.0};
            bx[i] = xp[i][0];
            by[i] = xp[i][1];
        }
        double[] k1 = leastSquares(a, bx);
        double[] k2 = leastSquares(a, by);
        double s = (Math.sqrt(k1[0] * k1[0] + k1[1] * k1[1] + k1[2] * k1[2])
                + Math.sqrt(k2[0] * k2[0] + k2[1] * k2[1] + k2[2] * k2[2])) / 2;
        return new double[] {k1[3], k2[3], s};
    }

    /** Minimises {@code |A k - b|} for a full-column-rank {@code A} (m x n, m >= n) with Householder QR. */
    static double[] leastSquares(double[][] aIn, double[] bIn) {
        int m = aIn.length;
        int n = aIn[0].length;
        double[][] a = new double[m][];
        for (int i = 0; i < m; i++) {
            a[i] = aIn[i].clone();
        }
        double[] b = bIn.clone();
        for (int j = 0; j < n; j++) {
            double norm = 0;
            for (int i = j; i < m; i++) {
                norm = Math.hypot(norm, a[i][j]);
            }
            if (norm == 0) {
                throw new NoFaceDetectedException("no usable face: align_img's landmark least-squares system is rank"
                        + " deficient");
            }
            double alpha = a[j][j] > 0 ? -norm : norm;
            double[] v = new double[m];
            v[j] = a[j][j] - alpha;
            for (int i = j + 1; i < m; i++) {
                v[i] = a[i][j];
            }
            double vv = 0;
            for (int i = j; i < m; i++) {
                vv += v[i] * v[i];
            }
            for (int c = j; c < n; c++) {
                reflect(a, c, v, vv, j, m);
            }
            double dot = 0;
            for (int i = j; i < m; i++) {
                dot += v[i] * b[i];
            }
            for (int i = j; i < m; i++) {
                b[i] -= 2 * dot / vv * v[i];
            }
        }
        double[] k = new double[n];
        for (int j = n - 1; j >= 0; j--) {
            double sum = b[j];
            for (int c = j + 1; c < n; c++) {
                sum -= a[j][c] * k[c];
            }
            k[j] = sum / a[j][j];
        }
        return k;
    }

    private static void reflect(double[][] a, int col, double[] v, double vv, int from, int m) {
        double dot = 0;
        for (int i = from; i < m; i++) {
            dot += v[i] * a[i][col];
        }
        for (int i = from; i < m; i++) {
            a[i][col] -= 2 * dot / vv * v[i];
        }
    }

    /** PIL {@code img.crop((left, up, left + w, up + h))}: pixels outside the picture are black. */
    static RgbImage cropZeroFill(RgbImage img, int left, int up, int w, int h) {
        byte[] src = img.rgb();
        byte[] dst = new byte[w * h * 3];
        int x0 = Math.max(left, 0);
        int x1 = Math.min(left + w, img.width());
        if (x1 > x0) {
            for (int y = Math.max(up, 0); y < Math.min(up + h, img.height()); y++) {
                System.arraycopy(src, (y * img.width() + x0) * 3, dst, ((y - up) * w + (x0 - left)) * 3,
                        (x1 - x0) * 3);
            }
        }
        return RgbImage.wrap(w, h, dst);
    }
}
