package io.sadtalker.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * numpy basic indexing as written in case.json ({@code "[:, 64:70]"}, {@code "[..., ::4]"}, {@code "[0]"},
 * {@code "[:1]"}): integers (negative from the end, the axis is dropped), slices {@code start:stop:step}
 * (any part optional, negative steps allowed) and one {@code ...}; missing trailing axes are taken whole.
 */
public final class NumpySlice {
    private sealed interface Item permits Index, Range, Ellipsis {
    }

    private record Index(long index) implements Item {
    }

    private record Range(Long start, Long stop, Long step) implements Item {
    }

    private record Ellipsis() implements Item {
    }

    private final String text;
    private final List<Item> items;

    private NumpySlice(String text, List<Item> items) {
        this.text = text;
        this.items = items;
    }

    /** Parses the slice text; brackets are required. */
    public static NumpySlice parse(String text) {
        String t = text.strip();
        if (!t.startsWith("[") || !t.endsWith("]")) {
            throw new IllegalArgumentException("slice '" + text + "' must be written [..]");
        }
        List<Item> items = new ArrayList<>();
        String body = t.substring(1, t.length() - 1).strip();
        if (!body.isEmpty()) {
            for (String part : body.split(",", -1)) {
                items.add(item(part.strip(), text));
            }
        }
        if (items.stream().filter(i -> i instanceof Ellipsis).count() > 1) {
            throw new IllegalArgumentException("slice '" + text + "' has more than one ...");
        }
        return new NumpySlice(text, List.copyOf(items));
    }

    private static Item item(String part, String text) {
        try {
            if (part.equals("...")) {
                return new Ellipsis();
            }
            if (!part.contains(":")) {
                return new Index(Long.parseLong(part));
            }
            String[] p = part.split(":", -1);
            if (p.length > 3) {
                throw new IllegalArgumentException("too many ':'");
            }
            Long step = p.length == 3 ? bound(p[2]) : null;
            if (step != null && step == 0) {
                throw new IllegalArgumentException("step 0");
            }
            return new Range(bound(p[0]), bound(p[1]), step);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot parse '" + part + "' in slice '" + text + "': " + e.getMessage(), e);
        }
    }

    private static Long bound(String s) {
        return s.isBlank() ? null : Long.parseLong(s.strip());
    }

    /**
     * The selected indices of each axis of an input of shape {@code shape}; sets {@code keepAxis[axis]} to false
     * where an integer index drops that axis.
     */
    long[][] select(long[] shape, boolean[] keepAxis) {
        long explicit = items.stream().filter(i -> !(i instanceof Ellipsis)).count();
        if (explicit > shape.length) {
            throw new IllegalArgumentException("slice " + text + " has " + explicit + " indices for " + shape.length + " axes");
        }
        List<Item> full = new ArrayList<>();
        for (Item i : items) {
            if (i instanceof Ellipsis) {
                for (long k = explicit; k < shape.length; k++) {
                    full.add(new Range(null, null, null));
                }
            } else {
                full.add(i);
            }
        }
        while (full.size() < shape.length) {
            full.add(new Range(null, null, null));
        }
        long[][] out = new long[shape.length][];
        for (int axis = 0; axis < shape.length; axis++) {
            long n = shape[axis];
            Item item = full.get(axis);
            if (item instanceof Index ix) {
                long i = ix.index() < 0 ? ix.index() + n : ix.index();
                if (i < 0 || i >= n) {
                    throw new IllegalArgumentException("index " + ix.index() + " out of range for axis " + axis
                            + " of size " + n + " in slice " + text);
                }
                out[axis] = new long[] {i};
                keepAxis[axis] = false;
            } else {
                out[axis] = range((Range) item, n);
                keepAxis[axis] = true;
            }
        }
        return out;
    }

    /** Python's {@code slice.indices(n)} expanded to the list of indices. */
    private static long[] range(Range r, long n) {
        long step = r.step() == null ? 1 : r.step();
        long lower = step > 0 ? 0 : -1;
        long upper = step > 0 ? n : n - 1;
        long start = clampBound(r.start(), n, lower, upper, step > 0 ? lower : upper);
        long stop = clampBound(r.stop(), n, lower, upper, step > 0 ? upper : lower);
        long count = step > 0 ? (start < stop ? (stop - start - 1) / step + 1 : 0)
                : (stop < start ? (start - stop - 1) / (-step) + 1 : 0);
        long[] idx = new long[Math.toIntExact(count)];
        for (int k = 0; k < idx.length; k++) {
            idx[k] = start + k * step;
        }
        return idx;
    }

    private static long clampBound(Long b, long n, long lower, long upper, long absent) {
        if (b == null) {
            return absent;
        }
        return b < 0 ? Math.max(b + n, lower) : Math.min(b, upper);
    }

    @Override
    public String toString() {
        return text;
    }
}
