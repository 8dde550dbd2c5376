package io.sadtalker.core.weights;

import ai.djl.ndarray.types.DataType;

/**
 * Element types a checkpoint tensor may have, with their size in bytes and the DJL type they load as (half floats
 * widen to float32, int16 to int32).
 */
public enum TensorDType {
    F64(8, DataType.FLOAT64),
    F32(4, DataType.FLOAT32),
    F16(2, DataType.FLOAT32),
    BF16(2, DataType.FLOAT32),
    I64(8, DataType.INT64),
    I32(4, DataType.INT32),
    /** Loads as int32: DJL's PyTorch engine has no int16 arrays. */
    I16(2, DataType.INT32),
    I8(1, DataType.INT8),
    U8(1, DataType.UINT8),
    BOOL(1, DataType.BOOLEAN);

    private final int byteSize;
    private final DataType loadedAs;

    TensorDType(int byteSize, DataType loadedAs) {
        this.byteSize = byteSize;
        this.loadedAs = loadedAs;
    }

    /** Bytes per element in the file. */
    public int byteSize() {
        return byteSize;
    }

    /** The DJL type an NDArray of this tensor has once loaded. */
    public DataType loadedAs() {
        return loadedAs;
    }
}
