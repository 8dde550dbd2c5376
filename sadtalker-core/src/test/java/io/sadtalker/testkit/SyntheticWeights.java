package io.sadtalker.testkit;

import io.sadtalker.core.weights.TensorDType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bit-exact synthetic weight generator of the fixtures README, section 1: FNV-1a-64 of
 * {@code seed + "/" + key}, a splitmix-style mix per element, {@code u = (z >>> 40) * 2^-24} and
 * {@code value = (float) (lo + (hi - lo) * u)} in doubles; plus the {@code const} and {@code values} rules.
 */
public final class SyntheticWeights {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final double TWO_POW_MINUS_24 = 0x1.0p-24;
    private static final int CHUNK = 1 << 16;

    private SyntheticWeights() {
    }

    /** FNV-1a-64 of the UTF-8 bytes of {@code seed + "/" + key}. */
    public static long hash(String seed, String key) {
        long h = FNV_OFFSET;
        for (byte b : (seed + "/" + key).getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= FNV_PRIME;
        }
        return h;
    }

    /** The uniform draw {@code u} in [0, 1) of element {@code index} for hash {@code h}. */
    public static double u(long h, long index) {
        long z = h + (index + 1) * GOLDEN;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 40) * TWO_POW_MINUS_24;
    }

    /**
     * Fills {@code dst[offset .. offset+count)} with elements {@code first .. first+count)} of the uniform rule
     * for {@code h}.
     */
    public static void fillUniform(long h, double lo, double hi, long first, float[] dst, int offset, int count) {
        double d = hi - lo;
        for (int j = 0; j < count; j++) {
            double p = d * u(h, first + j);
            dst[offset + j] = (float) (lo + p);
        }
    }

    /** All values of a float32 manifest tensor for {@code seed} (key = the full manifest key). */
    public static float[] floats(String seed, Manifest.Tensor t) {
        if (t.dtype() != TensorDType.F32) {
            throw new IllegalArgumentException("tensor '" + t.key() + "' is " + t.dtype() + ", not F32");
        }
        float[] out = new float[Math.toIntExact(t.elementCount())];
        fill(seed, t, 0, out, 0, out.length);
        return out;
    }

    /** All values of an I64 manifest tensor (the {@code const} rule). */
    public static long[] longs(Manifest.Tensor t) {
        if (!(t.init() instanceof Manifest.Const c)) {
            throw new IllegalArgumentException("tensor '" + t.key() + "' is not const");
        }
        long[] out = new long[Math.toIntExact(t.elementCount())];
        Arrays.fill(out, (long) c.value());
        return out;
    }

    /**
     * Streams a tensor's little-endian bytes (F32: 4 per element, I64: 8) to {@code sink} in chunks, without
     * holding the whole tensor; the buffer passed to the sink is reused.
     */
    public static void writeLittleEndian(String seed, Manifest.Tensor t, ChunkSink sink) throws java.io.IOException {
        long n = t.elementCount();
        if (t.dtype() == TensorDType.I64) {
            ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(n * 8)).order(ByteOrder.LITTLE_ENDIAN);
            for (long v : longs(t)) {
                buf.putLong(v);
            }
            sink.accept(buf.flip());
            return;
        }
        float[] chunk = new float[(int) Math.min(CHUNK, n)];
        ByteBuffer buf = ByteBuffer.allocate(chunk.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (long first = 0; first < n; first += chunk.length) {
            int count = (int) Math.min(chunk.length, n - first);
            fill(seed, t, first, chunk, 0, count);
            buf.clear();
            buf.asFloatBuffer().put(chunk, 0, count);
            buf.limit(count * 4);
            sink.accept(buf);
        }
    }

    /** Receives consecutive byte chunks of a tensor. */
    @FunctionalInterface
    public interface ChunkSink {
        void accept(ByteBuffer chunk) throws java.io.IOException;
    }

    private static void fill(String seed, Manifest.Tensor t, long first, float[] dst, int offset, int count) {
        Manifest.Init init = t.init();
        if (init instanceof Manifest.Uniform r) {
            fillUniform(hash(seed, t.key()), r.lo(), r.hi(), first, dst, offset, count);
        } else if (init instanceof Manifest.Const c) {
            Arrays.fill(dst, offset, offset + count, (float) c.value());
        } else {
            System.arraycopy(((Manifest.Values) init).values(), (int) first, dst, offset, count);
        }
    }
}
