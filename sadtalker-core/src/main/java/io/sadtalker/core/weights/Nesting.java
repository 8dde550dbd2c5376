package io.sadtalker.core.weights;

import io.sadtalker.core.CheckpointException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Checks an unpickled object graph: no container (dict, list, tuple, set) contains itself, and no chain of
 * containers is deeper than a bound. Each container is visited once (shared ones are remembered), without
 * recursion.
 */
final class Nesting {
    private Nesting() {
    }

    /** A container being visited: its remaining children and the depth of the deepest child seen so far. */
    private static final class Frame {
        final Object container;
        final Iterator<?> children;
        int deepestChild;

        Frame(Object container) {
            this.container = container;
            this.children = children(container).iterator();
        }
    }

    /** @throws CheckpointException when {@code root} holds a cycle or containers nested deeper than {@code max} */
    static void check(Object root, int max) {
        if (!isContainer(root)) {
            return;
        }
        Map<Object, Integer> depths = new IdentityHashMap<>();
        Set<Object> open = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Frame> path = new ArrayDeque<>();
        open.add(root);
        path.push(new Frame(root));
        while (!path.isEmpty()) {
            Frame frame = path.peek();
            if (frame.children.hasNext()) {
                Object child = frame.children.next();
                if (!isContainer(child)) {
                    continue;
                }
                Integer known = depths.get(child);
                if (known != null) {
                    frame.deepestChild = Math.max(frame.deepestChild, known);
                } else if (!open.add(child)) {
                    throw new CheckpointException("the pickle holds a " + TorchUnpickler.typeName(child)
                            + " that contains itself");
                } else if (path.size() >= max) {
                    throw new CheckpointException("containers nested more than " + max + " deep");
                } else {
                    path.push(new Frame(child));
                }
                continue;
            }
            path.pop();
            open.remove(frame.container);
            int depth = frame.deepestChild + 1;
            if (depth > max) {
                throw new CheckpointException("containers nested " + depth + " deep, more than the " + max
                        + " accepted");
            }
            depths.put(frame.container, depth);
            if (!path.isEmpty()) {
                path.peek().deepestChild = Math.max(path.peek().deepestChild, depth);
            }
        }
    }

    private static boolean isContainer(Object o) {
        return o instanceof Map<?, ?> || o instanceof Collection<?> || o instanceof Object[];
    }

    private static Collection<?> children(Object container) {
        if (container instanceof Map<?, ?> m) {
            return m.values();
        }
        if (container instanceof Object[] t) {
            return Arrays.asList(t);
        }
        return (Collection<?>) container;
    }
}
