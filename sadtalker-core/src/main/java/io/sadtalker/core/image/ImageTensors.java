package io.sadtalker.core.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.sadtalker.core.SadTalkerException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Conversions between {@link RgbImage} and float tensors as the original does them with scikit-image:
 * {@code img_as_float32} (uint8 -> {@code x * float32(1/255)}) and {@code img_as_ubyte}
 * ({@code rint(x * 255)} in float32, round half to even, clipped to 0..255).
 */
public final class ImageTensors {
    private static final float INV_255 = (float) (1.0 / 255);

    private ImageTensors() {
    }

    /** The image as a {@code (H, W, 3)} uint8 array. */
    public static NDArray toHwcU8(RgbImage image, NDManager manager) {
        return manager.create(ByteBuffer.wrap(image.rgb()), new Shape(image.height(), image.width(), 3), DataType.UINT8);
    }

    /** {@code img_as_float32(img).transpose(2, 0, 1)}: a {@code (3, H, W)} float32 array in [0, 1]. */
    public static NDArray toChwFloat(RgbImage image, NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray hwc = toHwcU8(image, scope);
            NDArray chw = hwc.toType(DataType.FLOAT32, false).mul(INV_255).transpose(2, 0, 1);
            chw.attach(manager);
            return chw;
        }
    }

    /** An {@link RgbImage} from a {@code (H, W, 3)} uint8 array. */
    public static RgbImage fromHwcU8(NDArray hwc) {
        Shape s = hwc.getShape();
        if (s.dimension() != 3 || s.get(2) != 3 || hwc.getDataType() != DataType.UINT8) {
            throw new IllegalArgumentException("expected a (H,W,3) uint8 array, got " + s + " " + hwc.getDataType());
        }
        return RgbImage.wrap((int) s.get(1), (int) s.get(0), hwc.toByteArray());
    }

    /**
     * {@code img_as_ubyte} of a batch of {@code (N, 3, H, W)} float images (the generator's predictions, RGB):
     * one {@link RgbImage} per item. Values must lie in [-1, 1] as skimage requires.
     */
    public static List<RgbImage> fromNchwFloat(NDArray nchw) {
        Shape s = nchw.getShape();
        if (s.dimension() != 4 || s.get(1) != 3) {
            throw new IllegalArgumentException("expected a (N,3,H,W) float array, got " + s);
        }
        try (NDManager scope = nchw.getManager().newSubManager()) {
            NDArray x = nchw.toType(DataType.FLOAT32, true);
            x.attach(scope);
            float min = x.min().getFloat();
            float max = x.max().getFloat();
            if (!(min >= -1f && max <= 1f)) {
                throw new SadTalkerException("float images must lie in [-1, 1] (img_as_ubyte), got range [" + min
                        + ", " + max + "]");
            }
            NDArray u8 = x.mul(255f).round().clip(0, 255).toType(DataType.UINT8, false).transpose(0, 2, 3, 1);
            int n = (int) s.get(0);
            int height = (int) s.get(2);
            int width = (int) s.get(3);
            byte[] all = u8.toByteArray();
            int frame = height * width * 3;
            List<RgbImage> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                byte[] one = new byte[frame];
                System.arraycopy(all, i * frame, one, 0, frame);
                out.add(RgbImage.wrap(width, height, one));
            }
            return out;
        }
    }
}
