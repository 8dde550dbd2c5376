package io.sadtalker.enhance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;

/** basicsr's {@code img2tensor} + {@code normalize} and {@code tensor2img} for square BGR uint8 face crops. */
public final class FaceTensors {
    private FaceTensors() {
    }

    /** HWC BGR uint8 -> (1, 3, size, size) RGB float32 {@code (x/255 - mean) / std}, the same per channel. */
    public static NDArray toInput(byte[] bgr, int size, float mean, float std, NDManager manager) {
        NDArray hwc = manager.create(ByteBuffer.wrap(bgr), new Shape(size, size, 3), DataType.UINT8)
                .toType(DataType.FLOAT32, false).div(255f);
        NDArray rgb = hwc.flip(2).transpose(2, 0, 1).expandDims(0);
        return rgb.sub(mean).div(std);
    }

    /**
     * {@code tensor2img(x, rgb2bgr=True, min_max=(lo, hi))}: clamp, {@code (x - lo) / (hi - lo)}, RGB->BGR,
     * {@code round(x * 255)} (half to even) -> HWC BGR uint8 of a (1, 3, H, W) tensor.
     */
    public static byte[] toImage(NDArray chw, float lo, float hi) {
        NDArray x = chw.squeeze(0).clip(lo, hi).sub(lo).div(hi - lo);
        NDArray bgr = x.transpose(1, 2, 0).flip(2);
        return bgr.mul(255f).round().toType(DataType.UINT8, false).toByteArray();
    }
}
