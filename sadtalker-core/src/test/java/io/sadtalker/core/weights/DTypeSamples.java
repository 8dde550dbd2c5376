package io.sadtalker.core.weights;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.function.Consumer;

/** One small tensor per element type: its little-endian bytes and a check of the loaded NDArray. */
record DTypeSamples(TensorDType dtype, String storageType, long[] shape, byte[] bytes, Consumer<NDArray> check) {

    static List<DTypeSamples> all() {
        return List.of(
                new DTypeSamples(TensorDType.F32, "FloatStorage", new long[] {2, 3},
                        TestFiles.floats(1.5f, -2f, 3.25f, 0f, 1e-3f, Float.MAX_VALUE),
                        a -> assertThat(a.toFloatArray()).containsExactly(1.5f, -2f, 3.25f, 0f, 1e-3f, Float.MAX_VALUE)),
                new DTypeSamples(TensorDType.F64, "DoubleStorage", new long[] {3},
                        le(24).putDouble(Math.PI).putDouble(-1e300).putDouble(0.1).array(),
                        a -> assertThat(a.toDoubleArray()).containsExactly(Math.PI, -1e300, 0.1)),
                new DTypeSamples(TensorDType.F16, "HalfStorage", new long[] {2, 3},
                        shorts(0x3C00, 0xC000, 0x3800, 0x7BFF, 0x0001, 0x2E66),
                        a -> assertThat(a.toFloatArray()).containsExactly(1f, -2f, 0.5f, 65504f, 5.9604645e-8f,
                                0.0999755859375f)),
                new DTypeSamples(TensorDType.BF16, "BFloat16Storage", new long[] {4},
                        shorts(bf16(1.5f), bf16(-3.25f), bf16(0.15625f), bf16(1.1754944e-38f)),
                        a -> assertThat(a.toFloatArray()).containsExactly(1.5f, -3.25f, 0.15625f, 1.1754944e-38f)),
                new DTypeSamples(TensorDType.I64, "LongStorage", new long[] {2, 2},
                        TestFiles.longs(Long.MIN_VALUE, -1, 0, 1L << 40),
                        a -> assertThat(a.toLongArray()).containsExactly(Long.MIN_VALUE, -1, 0, 1L << 40)),
                new DTypeSamples(TensorDType.I64, "LongStorage", new long[] {}, TestFiles.longs(229),
                        a -> {
                            assertThat(a.getShape().dimension()).isZero();
                            assertThat(a.toLongArray()).containsExactly(229);
                        }),
                new DTypeSamples(TensorDType.I32, "IntStorage", new long[] {3},
                        le(12).putInt(Integer.MIN_VALUE).putInt(-7).putInt(Integer.MAX_VALUE).array(),
                        a -> assertThat(a.toIntArray()).containsExactly(Integer.MIN_VALUE, -7, Integer.MAX_VALUE)),
                new DTypeSamples(TensorDType.I16, "ShortStorage", new long[] {3}, shorts(0x8000, 0xFFFF, 0x7FFF),
                        a -> assertThat(a.toType(DataType.INT32, false).toIntArray())
                                .containsExactly(-32768, -1, 32767)),
                new DTypeSamples(TensorDType.I8, "CharStorage", new long[] {3}, new byte[] {-128, -1, 127},
                        a -> assertThat(a.toType(DataType.INT32, false).toIntArray()).containsExactly(-128, -1, 127)),
                new DTypeSamples(TensorDType.U8, "ByteStorage", new long[] {3}, new byte[] {0, (byte) 255, (byte) 128},
                        a -> assertThat(a.toUint8Array()).containsExactly(0, 255, 128)),
                new DTypeSamples(TensorDType.BOOL, "BoolStorage", new long[] {3}, new byte[] {1, 0, 1},
                        a -> assertThat(a.toBooleanArray()).containsExactly(true, false, true)));
    }

    long numel() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** The NDArray type the loaded array must have. */
    DataType loadedAs() {
        return dtype.loadedAs();
    }

    @Override
    public String toString() {
        return dtype + java.util.Arrays.toString(shape);
    }

    private static int bf16(float f) {
        return Float.floatToRawIntBits(f) >>> 16;
    }

    private static byte[] shorts(int... values) {
        ByteBuffer b = le(values.length * 2);
        for (int v : values) {
            b.putShort((short) v);
        }
        return b.array();
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
