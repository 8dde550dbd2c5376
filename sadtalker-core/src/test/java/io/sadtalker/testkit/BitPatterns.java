package io.sadtalker.testkit;

/** Float values as their IEEE-754 bit patterns, for bit-identity assertions that name the first differing index. */
public final class BitPatterns {
    private BitPatterns() {
    }

    /** {@code Float.floatToRawIntBits} of every value. */
    public static int[] of(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }
}
