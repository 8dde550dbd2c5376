package io.sadtalker.core.config;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Checks every size a MAT 5 file declares against the bytes that hold it, before MFL parses the file. MFL allocates
 * what a tag or a dimensions array declares before reading it (a 262-byte file whose array-flags element declared
 * 2 GB made it allocate 2 GB: the {@code .mat} fuzzer's finding), so here, walking the file's data elements:
 * every element fits in its container (the file, an inflated {@code miCOMPRESSED} element, or an enclosing
 * {@code miMATRIX}); compressed elements inflate to at most {@code maxInflated} bytes in all; matrices nest at most
 * {@value #MAX_DEPTH} deep; a matrix's element count (its dimensions' product) is at most the bytes its data take:
 * for numeric arrays the first data element holds exactly that many values of its type, and a cell or struct has at
 * least one 8-byte tag per element (and field). Hand-written because MFL has no such limits; the walk only reads
 * tags, it interprets nothing else.
 */
final class Mat5Bounds {
    private static final int HEADER = 128;
    private static final int MAX_DEPTH = 16;
    private static final int MI_INT32 = 5;
    private static final int MI_MATRIX = 14;
    private static final int MI_COMPRESSED = 15;
    private static final int CELL_CLASS = 1;
    private static final int STRUCT_CLASS = 2;
    private static final int OBJECT_CLASS = 3;
    private static final int SPARSE_CLASS = 5;
    private static final int FUNCTION_CLASS = 16;
    private static final int OPAQUE_CLASS = 17;

    private final long maxInflated;
    private long inflated;

    private Mat5Bounds(long maxInflated) {
        this.maxInflated = maxInflated;
    }

    /** Checks {@code file} (a whole MAT 5 file); throws IllegalArgumentException naming the first size that does not fit. */
    static void check(byte[] file, long maxInflated) {
        if (file.length < HEADER) {
            throw new IllegalArgumentException("shorter than the 128-byte MAT 5 header");
        }
        ByteOrder order;
        if (file[126] == 'I' && file[127] == 'M') {
            order = ByteOrder.LITTLE_ENDIAN;
        } else if (file[126] == 'M' && file[127] == 'I') {
            order = ByteOrder.BIG_ENDIAN;
        } else {
            throw new IllegalArgumentException("no MAT 5 endian indicator at byte 126");
        }
        ByteBuffer body = ByteBuffer.wrap(file, HEADER, file.length - HEADER).slice().order(order);
        new Mat5Bounds(maxInflated).elements(body, 0, true);
    }

    /** The data elements filling {@code container}; matrices inside are checked too. */
    private void elements(ByteBuffer container, int depth, boolean root) {
        while (container.hasRemaining()) {
            Element e = next(container);
            if (e.type == MI_MATRIX) {
                matrix(e.data, depth + 1);
            } else if (e.type == MI_COMPRESSED) {
                if (!root) {
                    throw new IllegalArgumentException("a compressed element inside a matrix");
                }
                elements(inflate(e.data, container.order()), depth, false);
            }
        }
    }

    /** One {@code miMATRIX}'s subelements: flags, dimensions, name, then data or nested matrices. */
    private void matrix(ByteBuffer m, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("matrices nested more than " + MAX_DEPTH + " deep");
        }
        long bytes = m.remaining();
        if (bytes == 0) {
            return;
        }
        Element flags = next(m);
        if (flags.data.remaining() < 4) {
            throw new IllegalArgumentException("array flags of " + flags.data.remaining() + " bytes");
        }
        int arrayClass = flags.data.getInt(0) & 0xff;
        if (arrayClass == FUNCTION_CLASS || arrayClass == OPAQUE_CLASS) { // no dimensions element
            elements(m, depth, false);
            return;
        }
        Element dims = next(m);
        if (dims.type != MI_INT32) {
            throw new IllegalArgumentException("dimensions of type " + dims.type + ", expected miINT32");
        }
        long count = 1;
        while (dims.data.remaining() >= 4) {
            int d = dims.data.getInt();
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension " + d);
            }
            count = d != 0 && count > Long.MAX_VALUE / d ? Long.MAX_VALUE : count * d; // saturating
        }
        boolean composite = arrayClass == CELL_CLASS || arrayClass == STRUCT_CLASS || arrayClass == OBJECT_CLASS;
        if (composite && count > bytes / 8) {
            throw new IllegalArgumentException("a cell or struct of " + count + " elements in " + bytes + " bytes");
        }
        if (m.hasRemaining()) {
            next(m); // the name
        }
        if (arrayClass == OBJECT_CLASS && m.hasRemaining()) {
            next(m); // the class name
        }
        if ((arrayClass == STRUCT_CLASS || arrayClass == OBJECT_CLASS) && m.hasRemaining()) {
            Element length = next(m);
            int maxLength = length.data.remaining() >= 4 ? length.data.getInt(0) : 0;
            long names = m.hasRemaining() ? next(m).data.remaining() : 0;
            long fields = maxLength <= 0 ? 0 : names / maxLength;
            if (fields * count > bytes / 8) {
                throw new IllegalArgumentException("a struct of " + count + " elements with " + fields + " fields in "
                        + bytes + " bytes");
            }
        }
        if (!composite && arrayClass != SPARSE_CLASS && m.hasRemaining()) {
            Element data = next(m);
            long size = elementSize(data.type);
            if (data.type == MI_MATRIX || count > data.data.remaining() / size) {
                throw new IllegalArgumentException("a " + count + "-element array whose data element holds "
                        + data.data.remaining() + " bytes of type " + data.type);
            }
        }
        elements(m, depth, false);
    }

    /** The next element of {@code container} (its data as a slice), {@code container} moved past it. */
    private static Element next(ByteBuffer container) {
        if (container.remaining() < 8) {
            throw new IllegalArgumentException("a " + container.remaining() + "-byte tag");
        }
        int word = container.getInt();
        if (word >>> 16 != 0) { // small data element: size and type in one word, up to 4 bytes of data
            int size = word >>> 16;
            if (size > 4) {
                throw new IllegalArgumentException("a small data element of " + size + " bytes");
            }
            ByteBuffer data = container.slice().limit(size).order(container.order());
            container.position(container.position() + 4);
            return new Element(word & 0xffff, data);
        }
        long size = container.getInt() & 0xffffffffL;
        if (size > container.remaining()) {
            throw new IllegalArgumentException("an element of " + size + " bytes where " + container.remaining()
                    + " remain");
        }
        ByteBuffer data = container.slice().limit((int) size).order(container.order());
        long padding = word == MI_COMPRESSED ? 0 : (8 - size % 8) % 8;
        container.position((int) Math.min(container.limit(), container.position() + size + padding));
        return new Element(word, data);
    }

    private ByteBuffer inflate(ByteBuffer compressed, ByteOrder order) {
        byte[] in = new byte[compressed.remaining()];
        compressed.get(in);
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(in);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[1 << 16];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalArgumentException("a truncated compressed element");
                }
                inflated += n;
                if (inflated > maxInflated) {
                    throw new IllegalArgumentException("compressed elements inflating past " + maxInflated + " bytes");
                }
                out.write(chunk, 0, n);
            }
            return ByteBuffer.wrap(out.toByteArray()).order(order);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("a corrupt compressed element: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    /** Bytes per value of a MAT 5 data type (1 for text and unknown types). */
    private static long elementSize(int type) {
        return switch (type) {
            case 3, 4, 17 -> 2;  // miINT16, miUINT16, miUTF16
            case MI_INT32, 6, 7, 18 -> 4; // miINT32, miUINT32, miSINGLE, miUTF32
            case 9, 12, 13 -> 8;  // miDOUBLE, miINT64, miUINT64
            default -> 1;
        };
    }

    private record Element(int type, ByteBuffer data) {
    }
}
