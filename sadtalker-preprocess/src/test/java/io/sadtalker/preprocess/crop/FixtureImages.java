package io.sadtalker.preprocess.crop;

import io.sadtalker.core.Landmarks;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.testkit.HostTensor;

/** Conversions between fixture tensors and the SDK's value types. */
public final class FixtureImages {
    private FixtureImages() {
    }

    /** An (H, W, 3) uint8 RGB tensor as an image. */
    public static RgbImage image(HostTensor t) {
        long[] s = t.shape();
        double[] d = t.data();
        byte[] rgb = new byte[d.length];
        for (int i = 0; i < d.length; i++) {
            rgb[i] = (byte) (int) d[i];
        }
        return RgbImage.wrap((int) s[1], (int) s[0], rgb);
    }

    /** An image as an (H, W, 3) tensor. */
    public static HostTensor tensor(RgbImage image) {
        byte[] rgb = image.rgb();
        double[] d = new double[rgb.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = rgb[i] & 0xFF;
        }
        return HostTensor.of(d, image.height(), image.width(), 3);
    }

    /** An (N, 2) float32 tensor as landmarks. */
    public static Landmarks landmarks(HostTensor t) {
        double[] d = t.data();
        float[] xy = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            xy[i] = (float) d[i];
        }
        return new Landmarks(xy);
    }

    /** {@code np.repeat(np.repeat(img, r, 0), r, 1)}. */
    public static RgbImage repeat(RgbImage img, int r) {
        int w = img.width() * r;
        int h = img.height() * r;
        byte[] src = img.rgb();
        byte[] dst = new byte[w * h * 3];
        for (int y = 0; y < img.height(); y++) {
            int row = y * r * w * 3;
            for (int x = 0; x < img.width(); x++) {
                for (int k = 0; k < r; k++) {
                    System.arraycopy(src, (y * img.width() + x) * 3, dst, row + (x * r + k) * 3, 3);
                }
            }
            for (int k = 1; k < r; k++) {
                System.arraycopy(dst, row, dst, row + k * w * 3, w * 3);
            }
        }
        return RgbImage.wrap(w, h, dst);
    }
}
