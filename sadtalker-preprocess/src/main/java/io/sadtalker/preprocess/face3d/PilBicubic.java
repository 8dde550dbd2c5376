package io.sadtalker.preprocess.face3d;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.sadtalker.core.image.RgbImage;
import java.nio.ByteBuffer;

/**
 * PIL's {@code Image.resize(size, Image.BICUBIC)} on an 8-bit RGB image, bit exact: Pillow's
 * {@code ImagingResample} (bicubic a = -0.5, support 2 scaled by the down-scaling factor, coefficients normalised
 * per output pixel and rounded to 22-bit fixed point; a horizontal then a vertical pass, each rounding
 * ({@code + 2^21 >> 22}) and clipping to 0..255).
 *
 * <p>Each pass is one float64 matrix product with the integer fixed-point coefficients: every product and partial
 * sum is an integer below 2^53, so the result equals Pillow's integer arithmetic exactly. Stateless.
 */
final class PilBicubic {
    private static final int PRECISION_BITS = 32 - 8 - 2;
    private static final double SUPPORT = 2.0;

    private PilBicubic() {
    }

    /** Resizes {@code image} to {@code width x height}; temporaries live in a sub-manager of {@code manager}. */
    public static RgbImage resize(RgbImage image, int width, int height, NDManager manager) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("resize target must be positive, got " + width + "x" + height);
        }
        int inW = image.width();
        int inH = image.height();
        try (NDManager m = manager.newSubManager()) {
            NDArray img = m.create(ByteBuffer.wrap(image.rgb()), new Shape(inH, inW, 3), DataType.UINT8)
                    .toType(DataType.FLOAT64, false);
            if (width != inW) {
                // (H, W, 3) -> (H, 3, W) x (W, outW) -> (H, 3, outW) -> (H, outW, 3)
                NDArray k = m.create(coefficients(inW, width), new Shape(width, inW)).transpose();
                img = roundClip(img.transpose(0, 2, 1).matMul(k)).transpose(0, 2, 1);
            }
            if (height != inH) {
                // (outH, H) x (H, W*3)
                NDArray k = m.create(coefficients(inH, height), new Shape(height, inH));
                img = roundClip(k.matMul(img.reshape(inH, -1))).reshape(height, width, 3);
            }
            byte[] out = img.toType(DataType.UINT8, false).toByteArray();
            return RgbImage.wrap(width, height, out);
        }
    }

    /** {@code clip8((2^21 + sum) >> 22)}. */
    private static NDArray roundClip(NDArray sum) {
        return sum.add(1 << (PRECISION_BITS - 1)).div(1 << PRECISION_BITS).floor().clip(0, 255);
    }

    /**
     * Pillow's {@code precompute_coeffs} + {@code normalize_coeffs_8bpc} for box {@code (0, inSize)}: an
     * {@code outSize x inSize} row-major matrix of the integer fixed-point weights.
     */
    static double[] coefficients(int inSize, int outSize) {
        double scale = (double) inSize / outSize;
        double filterscale = Math.max(scale, 1.0);
        double support = SUPPORT * filterscale;
        double[] kk = new double[outSize * inSize];
        double[] w = new double[(int) Math.ceil(support) * 2 + 1];
        for (int xx = 0; xx < outSize; xx++) {
            double center = (xx + 0.5) * scale;
            double ss = 1.0 / filterscale;
            int xmin = Math.max((int) (center - support + 0.5), 0);
            int xmax = Math.min((int) (center + support + 0.5), inSize) - xmin;
            double ww = 0.0;
            for (int x = 0; x < xmax; x++) {
                w[x] = bicubic((x + xmin - center + 0.5) * ss);
                ww += w[x];
            }
            for (int x = 0; x < xmax; x++) {
                double k = ww != 0.0 ? w[x] / ww : w[x];
                kk[xx * inSize + xmin + x] = k < 0 ? (int) (-0.5 + k * (1 << PRECISION_BITS))
                        : (int) (0.5 + k * (1 << PRECISION_BITS));
            }
        }
        return kk;
    }

    private static double bicubic(double x) {
        final double a = -0.5;
        x = Math.abs(x);
        if (x < 1.0) {
            return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
        }
        if (x < 2.0) {
            return (((x - 5) * x + 8) * x - 4) * a;
        }
        return 0.0;
    }
}
