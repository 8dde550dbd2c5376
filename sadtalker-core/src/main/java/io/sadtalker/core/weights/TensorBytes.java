package io.sadtalker.core.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Turns the raw little-endian bytes of a stored tensor into an NDArray that owns its memory. */
final class TensorBytes {
    private TensorBytes() {
    }

    /**
     * Creates an NDArray of {@code shape} from {@code bytes} (exactly element count × byte size long). The result
     * never aliases {@code bytes} (which may be a read-only file mapping): it is a copy in native memory, with
     * F16/BF16 widened to float32 and I16 to int32.
     */
    static NDArray toNDArray(ByteBuffer bytes, TensorDType dtype, long[] shape, NDManager manager) {
        Shape s = new Shape(shape);
        if (s.size() == 0) {
            return manager.zeros(s, dtype.loadedAs());
        }
        ByteBuffer le = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        switch (dtype) {
            case BF16, I16 -> {
                // DJL's PyTorch engine cannot create bfloat16 or int16 arrays: widen the bits here
                return manager.create(widen(le, dtype == TensorDType.BF16), s, dtype.loadedAs());
            }
            case F16 -> {
                try (NDManager scope = manager.newSubManager()) {
                    NDArray half = scope.create(le, s, DataType.FLOAT16);
                    NDArray wide = half.toType(DataType.FLOAT32, true);
                    wide.attach(manager);
                    return wide;
                }
            }
            default -> {
                try (NDManager scope = manager.newSubManager()) {
                    NDArray owned = scope.create(le, s, dtype.loadedAs()).duplicate();
                    owned.attach(manager);
                    return owned;
                }
            }
        }
    }

    /** 16-bit values to 32 bits: bfloat16 as the upper half of a float32, int16 sign-extended. */
    private static ByteBuffer widen(ByteBuffer le, boolean bfloat16) {
        int n = le.remaining() / 2;
        ByteBuffer out = ByteBuffer.allocateDirect(n * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            short v = le.getShort(le.position() + 2 * i);
            out.putInt(4 * i, bfloat16 ? (v & 0xFFFF) << 16 : v);
        }
        return out;
    }
}
