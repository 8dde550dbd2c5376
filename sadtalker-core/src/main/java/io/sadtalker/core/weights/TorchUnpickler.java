package io.sadtalker.core.weights;

import io.sadtalker.core.CheckpointException;
import io.sadtalker.core.UnsafeCheckpointException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * Pyrolite's unpickler restricted to what {@code torch.save} writes. Every Python global ({@code GLOBAL},
 * {@code STACK_GLOBAL}, {@code INST}) is resolved against a per-instance allow-list
 * ({@link #ALLOWED}); anything else is an {@link UnsafeCheckpointException} before any object is built, and
 * only allow-listed callables can be applied ({@code REDUCE}, {@code NEWOBJ}, {@code OBJ}). Nothing is
 * registered in Pyrolite's JVM-global constructor table. Dicts keep their pickled key order; lengths read from
 * the stream are checked against the bytes left before anything is allocated. The work is bounded: at most
 * {@link #MAX_OPERATIONS} opcodes, {@link #MAX_STACK} stack items, {@link #MAX_MEMO} memo entries, decimal
 * integers of at most {@link #MAX_DIGITS} digits, only scalars (str, int, float, bool, None) as dict keys and set
 * elements (hashing a container could visit exponentially many nodes), and a result without cycles nested at most
 * {@link #MAX_DEPTH} containers deep. Not thread-safe (one per load).
 */
final class TorchUnpickler extends Unpickler {
    /** A Python callable the pickle may name. */
    private interface PyGlobal {
        Object call(Object[] args);
    }

    /** A {@code torch.*Storage} class: only ever an element of a persistent id, never called. */
    record StorageType(String name, TensorDType dtype) implements PyGlobal {
        @Override
        public Object call(Object[] args) {
            throw new CheckpointException("torch." + name + " cannot be called in a checkpoint pickle");
        }
    }

    /** Most opcodes one pickle may execute (a real state dict's pickle runs a few hundred thousand). */
    static final int MAX_OPERATIONS = 1 << 22;
    /** Most items on the unpickling stack at once. */
    static final int MAX_STACK = 1 << 20;
    /** Most memo entries. */
    static final int MAX_MEMO = 1 << 20;
    /** Deepest nesting of containers (dicts, lists, tuples, sets) in the result. */
    static final int MAX_DEPTH = 32;
    /** Most digits of a text-encoded integer ({@code INT}, {@code LONG}); Python's own default limit. */
    static final int MAX_DIGITS = 4300;

    private static final Map<String, PyGlobal> ALLOWED = allowList();

    private final String file;
    private final Function<Object[], TorchStorage> storages;
    private int operations;

    /**
     * @param file     the checkpoint, for messages
     * @param storages resolves a persistent id {@code ("storage", type, key, location, numel)} to its storage
     */
    TorchUnpickler(String file, Function<Object[], TorchStorage> storages) {
        this.file = file;
        this.storages = storages;
    }

    /** Unpickles {@code pickle}; any failure is a {@link CheckpointException} naming the file. */
    Object unpickle(byte[] pickle) {
        try {
            Object root = load(new ByteArrayInputStream(pickle));
            Nesting.check(root, MAX_DEPTH);
            return root;
        } catch (UnsafeCheckpointException e) {
            throw e;
        } catch (CheckpointException e) {
            throw new CheckpointException(file + ": " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            throw new CheckpointException(file + ": out of memory while unpickling the checkpoint", e);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            throw new CheckpointException(file + ": malformed checkpoint pickle (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        } finally {
            close();
        }
    }

    @Override
    protected Object dispatch(short key) throws IOException {
        if (++operations > MAX_OPERATIONS) {
            throw new CheckpointException("more than " + MAX_OPERATIONS + " pickle operations (a state dict needs far"
                    + " fewer)");
        }
        Object result = execute(key);
        if (stack.size() > MAX_STACK) {
            throw new CheckpointException("more than " + MAX_STACK + " items on the pickle stack");
        }
        if (memo.size() > MAX_MEMO) {
            throw new CheckpointException("more than " + MAX_MEMO + " pickle memo entries");
        }
        return result;
    }

    private Object execute(short key) throws IOException {
        switch (key) {
            case Opcodes.GLOBAL -> stack.add(global(PickleUtils.readline(input), PickleUtils.readline(input)));
            case Opcodes.STACK_GLOBAL -> {
                Object name = stack.pop();
                Object module = stack.pop();
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw new CheckpointException("STACK_GLOBAL needs two strings");
                }
                stack.add(global(m, n));
            }
            case Opcodes.INST -> {
                PyGlobal callable = global(PickleUtils.readline(input), PickleUtils.readline(input));
                stack.add(callable.call(stack.pop_all_since_marker().toArray()));
            }
            case Opcodes.OBJ -> {
                List<Object> items = stack.pop_all_since_marker();
                if (items.isEmpty()) {
                    throw new CheckpointException("OBJ without a class");
                }
                stack.add(callable(items.get(0)).call(items.subList(1, items.size()).toArray()));
            }
            case Opcodes.REDUCE, Opcodes.NEWOBJ -> {
                Object args = stack.pop();
                stack.add(callable(stack.pop()).call(tuple(args)));
            }
            case Opcodes.NEWOBJ_EX -> {
                Object kwargs = stack.pop();
                Object args = stack.pop();
                if (!(kwargs instanceof Map<?, ?> k) || !k.isEmpty()) {
                    throw new CheckpointException("NEWOBJ_EX with keyword arguments");
                }
                stack.add(callable(stack.pop()).call(tuple(args)));
            }
            case Opcodes.BUILD -> build(stack.pop(), stack.peek());
            case Opcodes.EMPTY_DICT -> stack.add(new LinkedHashMap<>());
            case Opcodes.DICT -> {
                Map<Object, Object> dict = new LinkedHashMap<>();
                putPairs(dict, stack.pop_all_since_marker());
                stack.add(dict);
            }
            case Opcodes.SETITEMS -> {
                List<Object> pairs = stack.pop_all_since_marker();
                putPairs(dict(stack.peek()), pairs);
            }
            case Opcodes.SETITEM -> {
                Object value = stack.pop();
                Object k = stack.pop();
                dict(stack.peek()).put(scalar(k, "dict key"), value);
            }
            case Opcodes.ADDITEMS -> {
                List<Object> items = stack.pop_all_since_marker();
                items.forEach(item -> scalar(item, "set element"));
                set(stack.peek()).addAll(items);
            }
            case Opcodes.FROZENSET -> {
                List<Object> items = stack.pop_all_since_marker();
                items.forEach(item -> scalar(item, "set element"));
                stack.add(new HashSet<>(items));
            }
            case Opcodes.INT, Opcodes.LONG -> {
                checkDigits();
                return super.dispatch(key);
            }
            case Opcodes.BINSTRING, Opcodes.BINBYTES, Opcodes.BINUNICODE, Opcodes.LONG4 -> {
                checkLength(4);
                return super.dispatch(key);
            }
            case Opcodes.BINBYTES8, Opcodes.BINUNICODE8, Opcodes.BYTEARRAY8 -> {
                checkLength(8);
                return super.dispatch(key);
            }
            default -> {
                return super.dispatch(key);
            }
        }
        return NO_RETURN_VALUE;
    }

    @Override
    protected Object persistentLoad(Object pid) {
        if (!(pid instanceof Object[] t) || t.length != 5 || !"storage".equals(t[0])) {
            throw new CheckpointException("unsupported persistent id (expected ('storage', type, key, location, numel))");
        }
        return storages.apply(t);
    }

    private PyGlobal global(String module, String name) {
        PyGlobal global = ALLOWED.get(module + "." + name);
        if (global == null) {
            throw new UnsafeCheckpointException(file + ": refusing to load: the pickle refers to the Python global '"
                    + module + "." + name + "', which is not on the allow-list of PyTorch checkpoint types "
                    + "(nothing from the file was executed)");
        }
        return global;
    }

    private static PyGlobal callable(Object o) {
        if (!(o instanceof PyGlobal g)) {
            throw new CheckpointException("call of a non-callable " + typeName(o));
        }
        return g;
    }

    private static Object[] tuple(Object o) {
        if (!(o instanceof Object[] t)) {
            throw new CheckpointException("call arguments must be a tuple, found " + typeName(o));
        }
        return t;
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> dict(Object o) {
        if (!(o instanceof Map<?, ?>)) {
            throw new CheckpointException("SETITEM(S) on " + typeName(o));
        }
        return (Map<Object, Object>) o;
    }

    private static void putPairs(Map<Object, Object> dict, List<Object> pairs) {
        if (pairs.size() % 2 != 0) {
            throw new CheckpointException("odd number of items for a dict");
        }
        for (int i = 0; i < pairs.size(); i += 2) {
            dict.put(scalar(pairs.get(i), "dict key"), pairs.get(i + 1));
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<Object> set(Object o) {
        if (!(o instanceof Set<?>)) {
            throw new CheckpointException("ADDITEMS on " + typeName(o));
        }
        return (Set<Object>) o;
    }

    /** A dict key or set element: only scalars, whose hash is cheap (a container's could visit 2^depth nodes). */
    private static Object scalar(Object o, String what) {
        if (o == null || o instanceof String || o instanceof Integer || o instanceof Long || o instanceof BigInteger
                || o instanceof Double || o instanceof Boolean) {
            return o;
        }
        throw new CheckpointException("a " + typeName(o) + " as a " + what + " is not supported (only str, int, "
                + "float, bool and None)");
    }

    /** INT / LONG: the decimal text up to the newline has at most {@link #MAX_DIGITS} characters. */
    private void checkDigits() throws IOException {
        input.mark(MAX_DIGITS + 2);
        byte[] text = input.readNBytes(MAX_DIGITS + 2);
        input.reset();
        for (byte b : text) {
            if (b == '\n') {
                return;
            }
        }
        throw new CheckpointException("decimal integer longer than " + MAX_DIGITS + " digits or not ended by a newline");
    }

    /** BUILD: only the {@code _metadata} attribute torch sets on a state dict's OrderedDict is accepted. */
    private static void build(Object state, Object target) {
        if (!(target instanceof Map<?, ?>) || !(state instanceof Map<?, ?>)) {
            throw new CheckpointException("BUILD (__setstate__) of a " + typeName(state) + " state on a "
                    + typeName(target) + " is not supported");
        }
    }

    /** Checks a length prefix of {@code width} bytes against the bytes left, leaving the stream unread. */
    private void checkLength(int width) throws IOException {
        input.mark(width);
        byte[] prefix = input.readNBytes(width);
        input.reset();
        if (prefix.length < width) {
            throw new PickleException("truncated length prefix");
        }
        long length = width == 4 ? Integer.toUnsignedLong(PickleUtils.bytes_to_integer(prefix))
                : PickleUtils.bytes_to_long(prefix, 0);
        if (length < 0 || length > input.available() - width) {
            throw new PickleException("length " + Long.toUnsignedString(length) + " exceeds the "
                    + (input.available() - width) + " bytes left in the pickle");
        }
    }

    static String typeName(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof Object[]) {
            return "tuple";
        }
        return o.getClass().getSimpleName();
    }

    private static Map<String, PyGlobal> allowList() {
        Map<String, PyGlobal> allowed = new LinkedHashMap<>();
        allowed.put("collections.OrderedDict", args -> {
            if (args.length != 0) {
                throw new CheckpointException("collections.OrderedDict with arguments is not supported");
            }
            return new LinkedHashMap<>();
        });
        allowed.put("torch._utils._rebuild_tensor_v2", TorchUnpickler::rebuildTensor);
        allowed.put("torch._utils._rebuild_parameter", args -> rebuildParameter(args, 3));
        allowed.put("torch._utils._rebuild_parameter_with_state", args -> rebuildParameter(args, 4));
        storage(allowed, "DoubleStorage", TensorDType.F64);
        storage(allowed, "FloatStorage", TensorDType.F32);
        storage(allowed, "HalfStorage", TensorDType.F16);
        storage(allowed, "BFloat16Storage", TensorDType.BF16);
        storage(allowed, "LongStorage", TensorDType.I64);
        storage(allowed, "IntStorage", TensorDType.I32);
        storage(allowed, "ShortStorage", TensorDType.I16);
        storage(allowed, "CharStorage", TensorDType.I8);
        storage(allowed, "ByteStorage", TensorDType.U8);
        storage(allowed, "BoolStorage", TensorDType.BOOL);
        return Map.copyOf(allowed);
    }

    private static void storage(Map<String, PyGlobal> allowed, String name, TensorDType dtype) {
        allowed.put("torch." + name, new StorageType(name, dtype));
    }

    /** {@code _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])}. */
    private static Object rebuildTensor(Object[] args) {
        if (args.length < 6 || args.length > 7 || !(args[0] instanceof TorchStorage storage)) {
            throw new CheckpointException("_rebuild_tensor_v2 expects (storage, offset, size, stride, requires_grad, "
                    + "backward_hooks[, metadata]), found " + args.length + " arguments");
        }
        return new TorchTensor(storage, integer(args[1], "storage_offset"), integers(args[2], "size"),
                integers(args[3], "stride"));
    }

    /** {@code _rebuild_parameter(data, requires_grad, backward_hooks[, state])}: the parameter is its tensor. */
    private static Object rebuildParameter(Object[] args, int arity) {
        if (args.length != arity || !(args[0] instanceof TorchTensor tensor)) {
            throw new CheckpointException("_rebuild_parameter expects a tensor and " + (arity - 1) + " more arguments");
        }
        return tensor;
    }

    static long integer(Object o, String what) {
        if (o instanceof Integer || o instanceof Long) {
            return ((Number) o).longValue();
        }
        throw new CheckpointException(what + " must be an integer, found " + typeName(o));
    }

    private static long[] integers(Object o, String what) {
        if (!(o instanceof Object[] t)) {
            throw new CheckpointException(what + " must be a tuple, found " + typeName(o));
        }
        long[] values = new long[t.length];
        for (int i = 0; i < t.length; i++) {
            values[i] = integer(t[i], what);
        }
        return values;
    }
}
