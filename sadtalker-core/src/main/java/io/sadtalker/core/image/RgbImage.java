package io.sadtalker.core.image;

import io.sadtalker.core.InvalidInputException;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * An immutable 8-bit RGB image, rows top to bottom, pixels interleaved {@code R,G,B} (HWC), as the original's
 * numpy arrays after {@code cv2.cvtColor(..., BGR2RGB)}.
 */
public final class RgbImage {
    private final int width;
    private final int height;
    private final byte[] pixels;

    private RgbImage(int width, int height, byte[] pixels) {
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    /** Copies {@code rgb} (length {@code width*height*3}, HWC RGB). */
    public static RgbImage of(int width, int height, byte[] rgb) {
        check(width, height, rgb.length);
        return new RgbImage(width, height, rgb.clone());
    }

    /** Copies {@code bgr} (HWC BGR, OpenCV's order), swapping channels to RGB. */
    public static RgbImage fromBgr(int width, int height, byte[] bgr) {
        check(width, height, bgr.length);
        return new RgbImage(width, height, swapRedBlue(bgr));
    }

    /** The sRGB pixels of {@code image}; an alpha channel is dropped, as {@code cv2.imread(..., IMREAD_COLOR)} does. */
    public static RgbImage of(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
        byte[] rgb = new byte[argb.length * 3];
        for (int i = 0; i < argb.length; i++) {
            rgb[3 * i] = (byte) (argb[i] >> 16);
            rgb[3 * i + 1] = (byte) (argb[i] >> 8);
            rgb[3 * i + 2] = (byte) argb[i];
        }
        return new RgbImage(width, height, rgb);
    }

    /** Wraps {@code rgb} without copying; the caller must not modify it afterwards. */
    public static RgbImage wrap(int width, int height, byte[] rgb) {
        check(width, height, rgb.length);
        return new RgbImage(width, height, rgb);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** A copy of the HWC RGB bytes. */
    public byte[] rgb() {
        return pixels.clone();
    }

    /** A copy of the pixels in HWC BGR order (for OpenCV). */
    public byte[] bgr() {
        return swapRedBlue(pixels);
    }

    /** Channel {@code c} (0 = R) of pixel ({@code x}, {@code y}) as 0..255. */
    public int get(int x, int y, int c) {
        return pixels[(y * width + x) * 3 + c] & 0xFF;
    }

    /** The pixels of rows {@code [y1, y2)} and columns {@code [x1, x2)}, as numpy's {@code img[y1:y2, x1:x2]}. */
    public RgbImage crop(int x1, int y1, int x2, int y2) {
        if (x1 < 0 || y1 < 0 || x2 > width || y2 > height || x2 <= x1 || y2 <= y1) {
            throw new InvalidInputException("crop [" + x1 + "," + y1 + "," + x2 + "," + y2 + ") outside "
                    + width + "x" + height);
        }
        int w = x2 - x1;
        byte[] out = new byte[w * (y2 - y1) * 3];
        for (int y = y1; y < y2; y++) {
            System.arraycopy(pixels, (y * width + x1) * 3, out, (y - y1) * w * 3, w * 3);
        }
        return new RgbImage(w, y2 - y1, out);
    }

    private static void check(int width, int height, int length) {
        if (width <= 0 || height <= 0) {
            throw new InvalidInputException("image size must be positive, got " + width + "x" + height);
        }
        if ((long) width * height * 3 != length) {
            throw new InvalidInputException("expected " + (long) width * height * 3 + " bytes for " + width + "x"
                    + height + " RGB, got " + length);
        }
    }

    private static byte[] swapRedBlue(byte[] src) {
        byte[] out = new byte[src.length];
        for (int i = 0; i < src.length; i += 3) {
            out[i] = src[i + 2];
            out[i + 1] = src[i + 1];
            out[i + 2] = src[i];
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RgbImage r && r.width == width && r.height == height && Arrays.equals(r.pixels, pixels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "RgbImage[" + width + "x" + height + "]";
    }
}
