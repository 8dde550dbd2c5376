package io.sadtalker.core.nn;

import java.util.Arrays;

/**
 * What a convolution layer is besides its channels and kernel: torch's {@code Conv*d} keyword arguments
 * ({@code stride}, {@code padding}, {@code dilation}, {@code groups}, {@code bias}). A one-value geometry applies to
 * every spatial axis; otherwise it has one value per axis. Immutable; {@link #DEFAULT} is torch's default.
 *
 * <pre>{@code Conv2d.load(w.prefix("conv1"), 64, 128, 3, ConvConfig.DEFAULT.padding(1).stride(2).noBias())}</pre>
 */
public record ConvConfig(long[] stride, long[] padding, long[] dilation, int groups, boolean bias) {
    /** Stride 1, padding 0, dilation 1, one group, with a bias. */
    public static final ConvConfig DEFAULT = new ConvConfig(new long[] {1}, new long[] {0}, new long[] {1}, 1, true);

    public ConvConfig {
        stride = stride.clone();
        padding = padding.clone();
        dilation = dilation.clone();
        if (groups < 1) {
            throw new IllegalArgumentException("groups must be >= 1, got " + groups);
        }
    }

    /** This configuration with {@code stride} (one value, or one per axis). */
    public ConvConfig stride(long... stride) {
        return new ConvConfig(stride, padding, dilation, groups, bias);
    }

    /** This configuration with zero {@code padding} (one value, or one per axis). */
    public ConvConfig padding(long... padding) {
        return new ConvConfig(stride, padding, dilation, groups, bias);
    }

    /** This configuration with {@code dilation} (one value, or one per axis). */
    public ConvConfig dilation(long... dilation) {
        return new ConvConfig(stride, padding, dilation, groups, bias);
    }

    /** This configuration with {@code groups} groups. */
    public ConvConfig groups(int groups) {
        return new ConvConfig(stride, padding, dilation, groups, bias);
    }

    /** This configuration without a bias ({@code bias=False}). */
    public ConvConfig noBias() {
        return new ConvConfig(stride, padding, dilation, groups, false);
    }

    @Override
    public long[] stride() {
        return stride.clone();
    }

    @Override
    public long[] padding() {
        return padding.clone();
    }

    @Override
    public long[] dilation() {
        return dilation.clone();
    }

    /** {@code values} for {@code dims} spatial axes: a single value repeated, or the values as given. */
    static long[] perAxis(String what, long[] values, int dims) {
        if (values.length == 1) {
            long[] a = new long[dims];
            Arrays.fill(a, values[0]);
            return a;
        }
        if (values.length != dims) {
            throw new IllegalArgumentException(what + " needs 1 or " + dims + " values, got "
                    + Arrays.toString(values));
        }
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConvConfig c && Arrays.equals(stride, c.stride) && Arrays.equals(padding, c.padding)
                && Arrays.equals(dilation, c.dilation) && groups == c.groups && bias == c.bias;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new long[] {Arrays.hashCode(stride), Arrays.hashCode(padding),
            Arrays.hashCode(dilation), groups, bias ? 1 : 0});
    }

    @Override
    public String toString() {
        return "ConvConfig[stride=" + Arrays.toString(stride) + ", padding=" + Arrays.toString(padding)
                + ", dilation=" + Arrays.toString(dilation) + ", groups=" + groups + ", bias=" + bias + "]";
    }
}
