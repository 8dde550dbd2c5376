package io.sadtalker.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * A 3-D 'same' convolution with a large cubic kernel (the dense-motion network's mask conv: 112 to 16 channels,
 * 7x7x7 on a 16x64x64 volume, 40 GMAC direct) evaluated with 2-D FFTs over height and width. The map, zero-padded by
 * k/2, is cut into square windows of P = tile + k - 1 pixels that overlap by k - 1; each window and each (kh, kw)
 * kernel slice goes to the P x (P/2 + 1) real-FFT domain (the kernels once, at load), where a window's correlation
 * with a slice is one product per frequency. Depth taps become output channels: per frequency one complex matrix
 * product {@code (windows * B * D, C_in) x (C_in, k * C_out)}, then a 0/1 matrix sums the k depth-shifted taps, the
 * inverse FFT returns each window, and its central {@code tile x tile} pixels are the output. Exact up to float
 * rounding (about 2e-6 of the output's scale; nearer a float64 conv than the direct float32 one).
 * <p>
 * Written by hand because libtorch has no FFT convolution, and its direct one (oneDNN, ~130 GMAC/s here) can only get
 * faster with fewer multiply-adds. That mask conv on a (1, 112, 16, 64, 64) map, 2 threads, median of 7: direct
 * 309 ms; tile 64 (one 70x70 window, 2.0 G real multiply-adds) 80 ms; tile 32 (four 38x38 windows) 103 ms. The kernel
 * spectra take {@code C_out * k * C_in * P * (P/2 + 1)} complex64 values, 8 bytes each: 253 MB at P = 70, 76 MB at
 * P = 38 (the direct kernels: 2.5 MB).
 */
public final class FftConv3d implements Convolution {
    private final NDArray spectrum;
    private final NDArray bias;
    private final int kernel;
    private final int tile;

    private FftConv3d(NDArray spectrum, NDArray bias, int kernel, int tile) {
        this.spectrum = spectrum;
        this.bias = bias;
        this.kernel = kernel;
        this.tile = tile;
    }

    /**
     * The FFT form of {@code conv} (cubic odd kernel, stride 1, padding (k - 1) / 2, one group) for windows of
     * {@code tile x tile} output pixels: a map up to that size is one window, a larger one is tiled.
     */
    public static FftConv3d of(Conv3d conv, int tile) {
        Shape s = conv.weight().getShape();
        int k = (int) s.get(2);
        if (k % 2 == 0 || s.get(3) != k || s.get(4) != k || !conv.core().isPlain((k - 1) / 2)) {
            throw new IllegalArgumentException("the FFT form needs a 3-D 'same' conv with a cubic odd kernel, got " + s);
        }
        if (tile < 1) {
            throw new IllegalArgumentException("tile must be >= 1, got " + tile);
        }
        long out = s.get(0);
        long size = tile + k - 1L;
        NDArray w = conv.weight();
        // (F, C_in, k * C_out), one output channel at a time so that only the result and one channel's spectrum
        // are alive beside the stacked parts
        NDArray spectrum = Scoped.run(() -> {
            NDList parts = new NDList();
            for (long o = 0; o < out; o++) {
                NDArray slice = w.get(o);
                parts.add(Scoped.run(() -> kernelSpectrum(slice, size)));
            }
            return NDArrays.stack(parts, 3).reshape(size * (size / 2 + 1), s.get(1), k * out);
        });
        return new FftConv3d(spectrum, conv.bias(), k, tile);
    }

    /**
     * The spectrum {@code (F, C_in, k)} of one output channel's kernels {@code (C_in, k, k, k)}: each (kh, kw) slice
     * flipped and centred on pixel 0 of a {@code size x size} window (wrapping around), so that a window's circular
     * convolution with it is the cross-correlation of the conv, each output at the pixel of its centre tap.
     */
    private static NDArray kernelSpectrum(NDArray w, long size) {
        NDManager m = w.getManager();
        Shape s = w.getShape();
        long c = s.get(0);
        long k = s.get(1);
        long half = k / 2;
        NDArray flipped = w.flip(2, 3);
        NDArray rows = NDArrays.concat(new NDList(flipped.get(":, :, {}:", half),
                m.zeros(new Shape(c, k, size - k, k)), flipped.get(":, :, :{}", half)), 2);
        NDArray centred = NDArrays.concat(new NDList(rows.get(":, :, :, {}:", half),
                m.zeros(new Shape(c, k, size, size - k)), rows.get(":, :, :, :{}", half)), 3);
        return centred.rfft(size, 3).fft(size, 2).transpose(2, 3, 0, 1).reshape(-1, c, k);
    }

    /** The convolution of {@code x} (B, C_in, D, H, W): (B, C_out, D, H, W). */
    @Override
    public NDArray forward(NDArray x) {
        Geometry.requireRank("FFT conv3d", x, 5);
        Shape ws = spectrum.getShape();
        if (x.getShape().get(1) != ws.get(1)) {
            throw new IllegalArgumentException("FFT conv3d expects " + ws.get(1) + " input channels, got shape "
                    + x.getShape());
        }
        return Scoped.run(() -> {
            long[] s = x.getShape().getShape();
            long b = s[0];
            long c = s[1];
            long d = s[2];
            long h = s[3];
            long w = s[4];
            long half = kernel / 2;
            long size = tile + kernel - 1L;
            long freqs = ws.get(0);
            long out = ws.get(2) / kernel;
            long rows = (h + tile - 1) / tile;
            long cols = (w + tile - 1) / tile;
            long n = rows * cols;
            // zero padding: k/2 before, and after up to whole tiles plus k/2
            NDArray padded = x.pad(new Shape(half, cols * tile - w + half, half, rows * tile - h + half), 0);
            NDArray windows;
            if (n == 1) {
                windows = padded.expandDims(0);
            } else {
                NDList list = new NDList();
                for (long i = 0; i < rows; i++) {
                    for (long j = 0; j < cols; j++) {
                        list.add(padded.get(new NDIndex(":, :, :, {}:{}, {}:{}", i * tile, i * tile + size, j * tile,
                                j * tile + size)));
                    }
                }
                windows = NDArrays.stack(list, 0);
            }
            // (n, B, C, D, P, P/2+1) -> (F, n * B * D, C)
            NDArray spec = windows.rfft(size, 5).fft(size, 4).transpose(4, 5, 0, 1, 3, 2).reshape(freqs, n * b * d, c);
            // per input depth and tap (F * n * B, D * k, C_out); the depth sum adds tap t of input depth z + t - k/2
            // into output depth z
            NDArray taps = spec.matMul(spectrum).reshape(freqs * n * b, d * kernel, out);
            NDArray sum = depthShift(x.getManager(), d).matMul(taps);
            NDArray maps = sum.reshape(size, size / 2 + 1, n * b, d, out).transpose(2, 4, 3, 0, 1)
                    .ifft(size, 3).irfft(size, 4)
                    .get(new NDIndex(":, :, :, {}:{}, {}:{}", half, half + tile, half, half + tile))
                    .reshape(rows, cols, b, out, d, tile, tile).transpose(2, 3, 4, 0, 5, 1, 6)
                    .reshape(b, out, d, rows * tile, cols * tile);
            if (rows * tile != h || cols * tile != w) {
                maps = maps.get(new NDIndex(":, :, :, :{}, :{}", h, w));
            }
            return bias == null ? maps : maps.add(bias.reshape(1, out, 1, 1, 1));
        });
    }

    /**
     * The 0/1 matrix (D, D * k), complex, that sums the taps into output depths: entry (z, z' * k + t) is 1 where
     * z' = z + t - k/2 lies in the volume (the depth padding is zeros). One matrix product: 6-9 ms against 14-22 ms for
     * adding k shifted slices at 64x64.
     */
    private NDArray depthShift(NDManager m, long depth) {
        int d = (int) depth;
        float[] entries = new float[d * d * kernel * 2];
        for (int z = 0; z < d; z++) {
            for (int t = 0; t < kernel; t++) {
                int from = z + t - kernel / 2;
                if (from >= 0 && from < d) {
                    entries[((z * d + from) * kernel + t) * 2] = 1f;
                }
            }
        }
        return m.create(entries, new Shape(d, d * kernel, 2)).complex();
    }
}
