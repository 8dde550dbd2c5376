package io.sadtalker.core.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * {@code skimage.transform.resize(image, (h, w, c))} of scikit-image 0.19 (SadTalker pins 0.19.3) with its
 * defaults: {@code order=1}, {@code mode='reflect'}, {@code anti_aliasing} on when any axis shrinks, {@code clip}.
 *
 * <p>What the original computes (with SciPy >= 1.6): a Gaussian pre-filter ({@code ndi.gaussian_filter}, sigma
 * {@code max(0, (in/out - 1) / 2)} per axis, truncate 4, mode 'mirror') when down-sizing, then
 * {@code ndi.zoom(order=1, mode='mirror', grid_mode=True)}: output pixel {@code o} samples input coordinate
 * {@code (o + 0.5) * in/out - 0.5} linearly, neighbours outside the image mirrored about the edge pixel; finally
 * the result is clipped to the input's value range. Both steps are linear and separable, so each axis becomes one
 * {@code out x in} matrix (filter then interpolate) applied with two matrix products in float64. SciPy rounds to
 * float32 between the filter and the zoom; this port rounds once at the end (differences of order 1e-7).
 */
public final class SkimageResize {
    private static final double TRUNCATE = 4.0;

    private SkimageResize() {
    }

    /**
     * Resizes a {@code (C, H, W)} float image to {@code (C, outHeight, outWidth)} float32 (channels unchanged, as
     * {@code resize(img, (h, w, 3))} on an HWC RGB array).
     */
    public static NDArray resize(NDArray chw, int outHeight, int outWidth) {
        Shape shape = chw.getShape();
        if (shape.dimension() != 3) {
            throw new IllegalArgumentException("expected a (C,H,W) image, got " + shape);
        }
        int height = (int) shape.get(1);
        int width = (int) shape.get(2);
        if (outHeight <= 0 || outWidth <= 0) {
            throw new IllegalArgumentException("resize target must be positive, got " + outHeight + "x" + outWidth);
        }
        NDManager manager = chw.getManager();
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = chw.toType(DataType.FLOAT64, true);
            x.attach(scope);
            boolean antiAliasing = outHeight < height || outWidth < width;
            NDArray rows = scope.create(axisMatrix(height, outHeight, antiAliasing), new Shape(outHeight, height));
            NDArray cols = scope.create(axisMatrix(width, outWidth, antiAliasing), new Shape(outWidth, width));
            NDArray out = rows.matMul(x).matMul(cols.transpose());
            NDArray lo = x.min();
            NDArray hi = x.max();
            NDArray clipped = out.maximum(lo).minimum(hi).toType(DataType.FLOAT32, false);
            clipped.attach(manager);
            return clipped;
        }
    }

    /** Row-major {@code out x in} matrix of one axis: the Gaussian pre-filter (when on) followed by the zoom. */
    static double[] axisMatrix(int in, int out, boolean antiAliasing) {
        double factor = (double) in / out;
        double[] gauss = null;
        int radius = 0;
        double sigma = antiAliasing ? Math.max(0, (factor - 1) / 2) : 0;
        if (sigma > 1e-15) {
            radius = (int) (TRUNCATE * sigma + 0.5);
            gauss = gaussianKernel(sigma, radius);
        }
        double[] matrix = new double[out * in];
        for (int o = 0; o < out; o++) {
            double c = (o + 0.5) * factor - 0.5;
            int left = (int) Math.floor(c);
            double w = c - left;
            addTap(matrix, o * in, in, mirror(left, in), 1 - w, gauss, radius);
            addTap(matrix, o * in, in, mirror(left + 1, in), w, gauss, radius);
        }
        return matrix;
    }

    private static void addTap(double[] matrix, int rowOffset, int in, int index, double weight, double[] gauss,
                               int radius) {
        if (gauss == null) {
            matrix[rowOffset + index] += weight;
            return;
        }
        for (int k = -radius; k <= radius; k++) {
            matrix[rowOffset + mirror(index + k, in)] += weight * gauss[k + radius];
        }
    }

    /** scipy's {@code _gaussian_kernel1d(sigma, 0, radius)}: normalised {@code exp(-x^2 / (2 sigma^2))}. */
    private static double[] gaussianKernel(double sigma, int radius) {
        double[] k = new double[2 * radius + 1];
        double sum = 0;
        double inv = -0.5 / (sigma * sigma);
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = Math.exp(inv * i * i);
            sum += k[i + radius];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        return k;
    }

    /** ndimage 'mirror' boundary: reflect about the edge pixels' centres ({@code d c b | a b c d | c b a}). */
    static int mirror(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * n - 2;
        int m = Math.floorMod(i, period);
        return m >= n ? period - m : m;
    }
}
