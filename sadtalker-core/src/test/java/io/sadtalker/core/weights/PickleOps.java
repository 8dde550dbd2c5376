package io.sadtalker.core.weights;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Test helper: writes pickle opcodes one by one, so tests can build torch-style, malformed and hostile pickles. */
final class PickleOps {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** A stream starting with {@code PROTO 2}. */
    static PickleOps protocol2() {
        return new PickleOps().raw(0x80, 2);
    }

    PickleOps raw(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    PickleOps rawBytes(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    PickleOps global(String module, String name) {
        out.write('c');
        out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Protocol-4 STACK_GLOBAL: module and name pushed as strings first. */
    PickleOps stackGlobal(String module, String name) {
        return str(module).str(name).raw(0x93);
    }

    PickleOps str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write('X');
        out.writeBytes(le(4).putInt(b.length).array());
        out.writeBytes(b);
        return this;
    }

    PickleOps integer(long v) {
        if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            out.write('J');
            out.writeBytes(le(4).putInt((int) v).array());
        } else {
            out.write(0x8a);
            out.write(8);
            out.writeBytes(le(8).putLong(v).array());
        }
        return this;
    }

    PickleOps floating(double v) {
        out.write('G');
        out.writeBytes(ByteBuffer.allocate(8).putDouble(v).array());
        return this;
    }

    PickleOps bool(boolean v) {
        return raw(v ? 0x88 : 0x89);
    }

    PickleOps none() {
        return raw('N');
    }

    PickleOps mark() {
        return raw('(');
    }

    PickleOps tuple() {
        return raw('t');
    }

    PickleOps emptyTuple() {
        return raw(')');
    }

    PickleOps ints(long... values) {
        mark();
        for (long v : values) {
            integer(v);
        }
        return tuple();
    }

    PickleOps reduce() {
        return raw('R');
    }

    PickleOps build() {
        return raw('b');
    }

    PickleOps emptyDict() {
        return raw('}');
    }

    PickleOps emptyList() {
        return raw(']');
    }

    PickleOps appends() {
        return raw('e');
    }

    PickleOps setItems() {
        return raw('u');
    }

    PickleOps binput(int index) {
        return raw('q', index);
    }

    PickleOps binget(int index) {
        return raw('h', index);
    }

    PickleOps stop() {
        return raw('.');
    }

    /** Pushes {@code collections.OrderedDict()}. */
    PickleOps orderedDict() {
        return global("collections", "OrderedDict").emptyTuple().reduce();
    }

    /** Pushes {@code _rebuild_tensor_v2(storage, offset, size, stride, False, OrderedDict())} as torch.save does. */
    PickleOps tensor(String storageType, String key, long numel, long offset, long[] size, long[] stride) {
        global("torch._utils", "_rebuild_tensor_v2").mark();
        mark().str("storage").global("torch", storageType).str(key).str("cpu").integer(numel).tuple().raw('Q');
        integer(offset).ints(size).ints(stride).bool(false).orderedDict();
        return tuple().reduce();
    }

    /** A contiguous tensor over a whole storage. */
    PickleOps tensor(String storageType, String key, long... shape) {
        long[] stride = new long[shape.length];
        long n = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            stride[i] = n;
            n *= shape[i];
        }
        return tensor(storageType, key, n, 0, shape, stride);
    }

    /** Wraps the tensor pushed by {@code tensor} in {@code torch._utils._rebuild_parameter(t, True, OrderedDict())}. */
    PickleOps parameter(Runnable tensor) {
        global("torch._utils", "_rebuild_parameter").mark();
        tensor.run();
        return bool(true).orderedDict().tuple().reduce();
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
