package io.sadtalker.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A small pickle protocol-2 writer for the object shapes {@code torch.save} produces: None, bool, int, float,
 * str, tuple ({@link Tuple}), list, dict ({@link Map}), {@code collections.OrderedDict} ({@link OrderedDict}, with
 * its {@code _metadata} state set via BUILD) and tensors ({@link TensorRef}: {@code _rebuild_tensor_v2} over a
 * persistent storage id). No memo is written (Python's unpickler does not need one).
 */
final class PickleWriter {
    /** A Python tuple. */
    record Tuple(List<Object> items) {
        static Tuple of(Object... items) {
            return new Tuple(List.of(items));
        }
    }

    /** A {@code collections.OrderedDict}; {@code metadata} (may be null) becomes the {@code _metadata} attribute. */
    record OrderedDict(Map<String, ?> items, Map<String, ?> metadata) {
    }

    /** A tensor stored in {@code data/<storageKey>}: contiguous, offset 0. */
    record TensorRef(String storageType, String storageKey, long[] shape) {
    }

    private static final int BATCH = 1000;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** The pickle of {@code value}: PROTO 2, the object, STOP. */
    static byte[] dumps(Object value) {
        PickleWriter w = new PickleWriter();
        w.out.write(0x80);
        w.out.write(2);
        w.save(value);
        w.out.write('.');
        return w.out.toByteArray();
    }

    private void save(Object v) {
        if (v == null) {
            out.write('N');
        } else if (v instanceof Boolean b) {
            out.write(b ? 0x88 : 0x89);
        } else if (v instanceof Integer || v instanceof Long) {
            saveInt(((Number) v).longValue());
        } else if (v instanceof Double d) {
            out.write('G');
            out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putDouble(d).array());
        } else if (v instanceof String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.write('X');
            out.writeBytes(le32(b.length));
            out.writeBytes(b);
        } else if (v instanceof Tuple t) {
            saveTuple(t.items());
        } else if (v instanceof List<?> list) {
            out.write(']');
            for (int i = 0; i < list.size(); i += BATCH) {
                out.write('(');
                list.subList(i, Math.min(list.size(), i + BATCH)).forEach(this::save);
                out.write('e');
            }
        } else if (v instanceof OrderedDict od) {
            global("collections", "OrderedDict");
            out.write(')');
            out.write('R');
            setItems(od.items());
            if (od.metadata() != null) {
                out.write('}');
                setItems(Map.of("_metadata", new OrderedDict(od.metadata(), null)));
                out.write('b');
            }
        } else if (v instanceof Map<?, ?> map) {
            out.write('}');
            setItems(map);
        } else if (v instanceof TensorRef t) {
            saveTensor(t);
        } else {
            throw new IllegalArgumentException("cannot pickle " + v.getClass());
        }
    }

    private void saveTensor(TensorRef t) {
        global("torch._utils", "_rebuild_tensor_v2");
        long numel = 1;
        Object[] size = new Object[t.shape().length];
        Object[] stride = new Object[t.shape().length];
        for (int i = t.shape().length - 1; i >= 0; i--) {
            size[i] = t.shape()[i];
            stride[i] = numel;
            numel *= t.shape()[i];
        }
        out.write('(');
        out.write('(');
        save("storage");
        global("torch", t.storageType());
        save(t.storageKey());
        save("cpu");
        saveInt(numel);
        out.write('t');
        out.write('Q');
        saveInt(0);
        saveTuple(List.of(size));
        saveTuple(List.of(stride));
        save(Boolean.FALSE);
        save(new OrderedDict(Map.of(), null));
        out.write('t');
        out.write('R');
    }

    private void saveTuple(List<?> items) {
        switch (items.size()) {
            case 0 -> out.write(')');
            case 1, 2, 3 -> {
                items.forEach(this::save);
                out.write(0x84 + items.size());
            }
            default -> {
                out.write('(');
                items.forEach(this::save);
                out.write('t');
            }
        }
    }

    private void setItems(Map<?, ?> map) {
        List<? extends Map.Entry<?, ?>> entries = List.copyOf(map.entrySet());
        for (int i = 0; i < entries.size(); i += BATCH) {
            out.write('(');
            for (Map.Entry<?, ?> e : entries.subList(i, Math.min(entries.size(), i + BATCH))) {
                save(e.getKey());
                save(e.getValue());
            }
            out.write('u');
        }
    }

    private void saveInt(long v) {
        if (v >= 0 && v < 256) {
            out.write('K');
            out.write((int) v);
        } else if (v >= 0 && v < 65536) {
            out.write('M');
            out.write((int) (v & 0xff));
            out.write((int) (v >>> 8));
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            out.write('J');
            out.writeBytes(le32((int) v));
        } else {
            byte[] b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
            out.write(0x8a);
            out.write(8);
            out.writeBytes(b);
        }
    }

    private void global(String module, String name) {
        out.write('c');
        out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }
}
