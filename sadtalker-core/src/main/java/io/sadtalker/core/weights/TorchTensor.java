package io.sadtalker.core.weights;

import io.sadtalker.core.CheckpointException;
import java.util.Arrays;

/**
 * A tensor as {@code torch._utils._rebuild_tensor_v2} describes it: a view of a storage with an element offset,
 * sizes and strides. The constructor checks that every element the view addresses lies inside the storage.
 */
record TorchTensor(TorchStorage storage, long offset, long[] size, long[] stride) {
    TorchTensor {
        size = size.clone();
        stride = stride.clone();
        if (size.length != stride.length) {
            throw new CheckpointException("tensor on storage '" + storage.key() + "': size " + Arrays.toString(size)
                    + " and stride " + Arrays.toString(stride) + " differ in length");
        }
        long last = offset;
        boolean empty = false;
        try {
            for (int d = 0; d < size.length; d++) {
                if (size[d] < 0 || stride[d] < 0) {
                    throw new CheckpointException("tensor on storage '" + storage.key() + "': negative size or stride "
                            + Arrays.toString(size) + " / " + Arrays.toString(stride));
                }
                empty |= size[d] == 0;
                if (size[d] > 0) {
                    last = Math.addExact(last, Math.multiplyExact(size[d] - 1, stride[d]));
                }
            }
            Math.multiplyExact(elementCount(size), storage.dtype().byteSize());
        } catch (ArithmeticException e) {
            throw new CheckpointException("tensor on storage '" + storage.key() + "': size " + Arrays.toString(size)
                    + " / stride " + Arrays.toString(stride) + " overflows");
        }
        if (offset < 0 || (!empty && last >= storage.numel())) {
            throw new CheckpointException("tensor on storage '" + storage.key() + "' (offset " + offset + ", size "
                    + Arrays.toString(size) + ", stride " + Arrays.toString(stride) + ") addresses element " + last
                    + " but the storage has " + storage.numel() + " elements");
        }
    }

    @Override
    public long[] size() {
        return size.clone();
    }

    @Override
    public long[] stride() {
        return stride.clone();
    }

    /** Number of elements of the view. */
    long elementCount() {
        return elementCount(size);
    }

    /** Whether the view is the row-major layout of {@code size} (dimensions of size 1 may have any stride). */
    boolean isContiguous() {
        long expected = 1;
        for (int d = size.length - 1; d >= 0; d--) {
            if (size[d] != 1 && stride[d] != expected) {
                return false;
            }
            expected *= size[d];
        }
        return true;
    }

    /** One past the largest storage element the view addresses, relative to {@link #offset()} (0 if empty). */
    long span() {
        long span = 1;
        for (int d = 0; d < size.length; d++) {
            if (size[d] == 0) {
                return 0;
            }
            span += (size[d] - 1) * stride[d];
        }
        return span;
    }

    TensorInfo info(String key) {
        return new TensorInfo(key, storage.dtype(), size);
    }

    private static long elementCount(long[] size) {
        long n = 1;
        for (long s : size) {
            n = Math.multiplyExact(n, s);
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TorchTensor t && storage.equals(t.storage) && offset == t.offset
                && Arrays.equals(size, t.size) && Arrays.equals(stride, t.stride);
    }

    @Override
    public int hashCode() {
        return storage.hashCode() * 31 + Arrays.hashCode(size);
    }

    @Override
    public String toString() {
        return "TorchTensor[" + storage.key() + ", offset " + offset + ", size " + Arrays.toString(size) + ", stride "
                + Arrays.toString(stride) + "]";
    }
}
