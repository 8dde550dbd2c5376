package io.sadtalker.core.weights;

import ai.djl.ndarray.NDArray;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The NDArrays a loaded network holds: found by walking its object graph (instance fields of the project's and
 * users' classes, object arrays, collections, maps, optionals), so that {@link Weights#bind} can keep exactly those
 * and free the load-time temporaries (raw checkpoint tensors that were folded, merged or re-typed). JDK and DJL
 * objects other than arrays and containers are not entered.
 */
final class ReachableArrays {
    private ReachableArrays() {
    }

    /** Every {@link NDArray} reachable from {@code root}, by identity. */
    static Set<NDArray> from(Object root) {
        Set<NDArray> arrays = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object> pending = new ArrayDeque<>();
        push(pending, seen, root);
        while (!pending.isEmpty()) {
            Object o = pending.pop();
            if (o instanceof NDArray array) {
                arrays.add(array);
            } else if (o instanceof Object[] items) {
                for (Object item : items) {
                    push(pending, seen, item);
                }
            } else if (!isPlatform(o.getClass())) {
                for (Class<?> c = o.getClass(); c != null && !isPlatform(c); c = c.getSuperclass()) {
                    for (Field f : c.getDeclaredFields()) {
                        if (!Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive()) {
                            push(pending, seen, read(f, o));
                        }
                    }
                }
            } else if (o instanceof Map<?, ?> map) {
                map.forEach((k, v) -> {
                    push(pending, seen, k);
                    push(pending, seen, v);
                });
            } else if (o instanceof Iterable<?> items) {
                items.forEach(item -> push(pending, seen, item));
            } else if (o instanceof Optional<?> optional) {
                optional.ifPresent(v -> push(pending, seen, v));
            }
        }
        return arrays;
    }

    private static void push(Deque<Object> pending, Set<Object> seen, Object o) {
        if (o != null && !(o.getClass().isArray() && o.getClass().getComponentType().isPrimitive()) && seen.add(o)) {
            pending.push(o);
        }
    }

    private static boolean isPlatform(Class<?> c) {
        String n = c.getName();
        return n.startsWith("java.") || n.startsWith("javax.") || n.startsWith("jdk.") || n.startsWith("sun.")
                || n.startsWith("ai.djl.");
    }

    private static Object read(Field f, Object o) {
        try {
            f.setAccessible(true);
            return f.get(o);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot inspect " + f + " of a loaded network", e);
        }
    }
}
