package io.sadtalker.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * A 3x3 convolution (stride 1, padding 1, or 0 on a map padded beforehand) evaluated with Winograd's minimal
 * filtering F(4x4, 3x3) (Lavin and Gray, 2016): the padded input is cut into overlapping 6x6 tiles at stride 4,
 * each tile and each kernel is moved into the 6x6 transform domain ({@code V = B^T d B}, {@code U = G g G^T}, the
 * kernels once at load time), the channel sums become 36 matrix products {@code U[xi] V[xi]}, and {@code A^T M A}
 * turns every tile back into a 4x4 output block.
 * The same sums as the direct convolution, reordered: exact up to float rounding (about 1e-5 of the output's scale),
 * with 4x fewer multiply-adds in the channel sums. It pays off where those dominate; large maps are done in bands
 * of rows; the transformed kernels take 4x the memory of the direct ones.
 */
public final class WinogradConv implements Convolution {
    /** Interpolation points 0, 1, -1, 2, -2 and infinity. */
    private static final double[][] BT = {
        {4, 0, -5, 0, 1, 0}, {0, -4, -4, 1, 1, 0}, {0, 4, -4, -1, 1, 0},
        {0, -2, -1, 2, 1, 0}, {0, 2, -1, -2, 1, 0}, {0, 4, 0, -5, 0, 1}};
    private static final double[][] G = {
        {1 / 4.0, 0, 0}, {-1 / 6.0, -1 / 6.0, -1 / 6.0}, {-1 / 6.0, 1 / 6.0, -1 / 6.0},
        {1 / 24.0, 1 / 12.0, 1 / 6.0}, {1 / 24.0, -1 / 12.0, 1 / 6.0}, {0, 0, 1}};
    private static final double[][] AT = {
        {1, 1, 1, 1, 1, 0}, {0, 1, -1, 2, -2, 0}, {0, 1, 1, 4, 4, 0}, {0, 1, -1, 8, -8, 1}};
    private static final int TILE = 6;
    private static final int OUT = 4;
    /**
     * Tiles per pass: the map is done in bands of whole tile rows, about this many tiles each, which bounds the
     * transient tile arrays (~150 MB for 128 -> 512 channels); at 128x128 a band is the whole map. Larger bands make
     * the channel products larger matrix products: 1024 rendered a frame ~0.1 s faster than 256 (JMH
     * {@code RenderBenchmark}, benchmarks/README.md).
     */
    private static final int BAND_TILES = 1024;
    private static final int MIN_OUT = 256;

    private final NDArray kernels;
    private final NDArray bias;
    private final NDArray inputTransform;
    private final NDArray outputTransform;
    private final long padding;

    private WinogradConv(NDArray kernels, NDArray bias, NDArray inputTransform, NDArray outputTransform,
                         long padding) {
        this.padding = padding;
        this.kernels = kernels;
        this.bias = bias;
        this.inputTransform = inputTransform;
        this.outputTransform = outputTransform;
    }

    /**
     * The Winograd form of {@code conv} where it is faster: a plain 3x3 convolution with padding 1 and at least
     * {@value #MIN_OUT} output channels; otherwise {@code conv} itself (the narrower ones are as fast or faster
     * direct; see benchmarks/README.md).
     */
    public static Convolution orDirect(Conv2d conv) {
        Shape s = conv.weight().getShape();
        boolean fits = s.get(2) == 3 && s.get(3) == 3 && conv.core().isPlain(1) && s.get(0) >= MIN_OUT;
        return fits ? of(conv) : conv;
    }

    /**
     * {@link #orDirect(Conv2d)} for a conv applied to {@code side x side} maps only: {@code conv} itself where
     * Winograd does not {@link #pays pay} at that size.
     */
    public static Convolution orDirect(Conv2d conv, long side) {
        Shape s = conv.weight().getShape();
        return pays(s.get(1), s.get(0), side, side) ? orDirect(conv) : conv;
    }

    /**
     * The Winograd form of {@code conv}, which must be a 3x3 convolution with stride 1, padding 1 or 0 (a map padded
     * beforehand, e.g. by reflection), one group.
     */
    public static WinogradConv of(Conv2d conv) {
        NDArray w = conv.weight();
        Shape s = w.getShape();
        long padding = conv.core().isPlain(0) ? 0 : 1;
        boolean plain = conv.core().isPlain(padding);
        if (s.get(2) != 3 || s.get(3) != 3 || !plain) {
            throw new IllegalArgumentException("Winograd F(4x4, 3x3) needs a plain 3x3 conv with padding 1 or 0, got "
                    + s + (plain ? "" : " with other stride/padding/dilation/groups"));
        }
        NDManager m = w.getManager();
        long k = s.get(0);
        long c = s.get(1);
        // U[a, b, k, c] = sum_ij G[a, i] G[b, j] w[k, c, i, j]: (G (x) G) times the kernels as (9, K*C), in float64;
        // the product is a fresh dense (36, K*C) array, the layout libtorch's bmm is fast on
        // the float64 intermediates (3x the kernels' size) are freed at once, not when the whole network is bound
        NDArray u = Scoped.run(() -> kron(m, G).matMul(w.toType(DataType.FLOAT64, false).reshape(k * c, 9).transpose())
                .toType(DataType.FLOAT32, false).reshape(TILE * TILE, k, c));
        // columns reordered from (i, j) to (j, i), the order band() stacks the tile elements in
        NDArray inputTransform = kron(m, BT).reshape(TILE * TILE, TILE, TILE).transpose(0, 2, 1)
                .reshape(TILE * TILE, TILE * TILE).toType(DataType.FLOAT32, false);
        return new WinogradConv(u, conv.bias(), inputTransform,
                kron(m, AT).toType(DataType.FLOAT32, false), padding);
    }

    /**
     * This convolution with every kernel scaled, {@code w'[k, c] = outScale[k] * w[k, c] * inScale[c]} (a modulated
     * conv's per-call weights), and bias {@code bias} (K, or null for none): the transform is linear, so the
     * transformed kernels are scaled instead of transformed again. {@code outScale} (K) may be null.
     */
    public WinogradConv scaled(NDArray outScale, NDArray inScale, NDArray bias) {
        Shape s = kernels.getShape();
        NDArray u = kernels.mul(inScale.reshape(1, 1, s.get(2)));
        return new WinogradConv(outScale == null ? u : u.muli(outScale.reshape(1, s.get(1), 1)), bias, inputTransform,
                outputTransform, padding);
    }

    /**
     * Whether a Winograd conv of {@code in -> out} channels with an {@code h x w} output is faster than oneDNN's
     * direct one, by the size of the map: at least 64 tiles, and 256 unless both channel counts are at least 512. On
     * smaller maps the channel products read all 36 transformed kernels for a handful of tiles (512->512 at 8x8:
     * ~12 ms against ~2 ms direct); measured in benchmarks/README.md. Which widths pay is each caller's choice
     * ({@link #orDirect}, or a network's own measured rule).
     */
    public static boolean pays(long in, long out, long h, long w) {
        long tiles = tiles(h, w);
        return tiles >= 64 && ((in >= 512 && out >= 512) || tiles >= 256);
    }

    /** {@link #pays(long, long, long, long)} for this convolution applied to {@code x}. */
    public boolean pays(NDArray x) {
        long[] s = x.getShape().getShape();
        Shape k = kernels.getShape();
        return pays(k.get(2), k.get(1), s[2] + 2 * padding - 2, s[3] + 2 * padding - 2);
    }

    /** The number of 4x4 output tiles that cover an {@code h x w} output. */
    static long tiles(long h, long w) {
        return ((h + OUT - 1) / OUT) * ((w + OUT - 1) / OUT);
    }

    /**
     * The convolution of {@code x} (B, C, H, W): (B, K, H, W) with padding 1, (B, K, H - 2, W - 2) with padding 0;
     * in bands of about {@value #BAND_TILES} tiles.
     */
    @Override
    public NDArray forward(NDArray x) {
        return Scoped.run(() -> {
            long[] s = x.getShape().getShape();
            long h = s[2] + 2 * padding - 2;
            long w = s[3] + 2 * padding - 2;
            long th = (h + OUT - 1) / OUT;
            long tw = (w + OUT - 1) / OUT;
            // the tiles read 4 th + 2 rows and 4 tw + 2 columns: the conv's padding, then zeros up to that size
            long right = OUT * tw + 2 - s[3] - padding;
            long bottom = OUT * th + 2 - s[2] - padding;
            NDArray padded = padding == 0 && right == 0 && bottom == 0 ? x
                    : x.pad(new Shape(padding, right, padding, bottom), 0);
            long band = Math.max(1, BAND_TILES / tw);
            long k = kernels.getShape().get(1);
            // (B, K, th, 4, tw, 4): each band's output tiles are copied once, straight into their rows
            NDArray tiles = null;
            for (long t = 0; t < th; t += band) {
                long rows = Math.min(band, th - t);
                NDArray rowsIn = padded.get(new NDIndex(":, :, {}:{}", OUT * t, OUT * (t + rows) + TILE - OUT));
                // each band's tiles and transforms are freed as soon as its output rows exist
                NDArray part = Scoped.run(() -> band(rowsIn, rows, tw));
                if (rows == th) {
                    tiles = part;
                } else {
                    if (tiles == null) {
                        tiles = x.getManager().create(new Shape(s[0], k, th, OUT, tw, OUT), x.getDataType());
                    }
                    tiles.set(new NDIndex(":, :, {}:{}", t, t + rows), part);
                    part.close();
                }
            }
            NDArray y = tiles.reshape(s[0], k, OUT * th, OUT * tw);
            if (OUT * th != h || OUT * tw != w) {
                y = y.get(new NDIndex(":, :, :{}, :{}", h, w));
            }
            return bias == null ? y : y.addi(bias.reshape(1, k, 1, 1));
        });
    }

    /**
     * The output tiles (B, K, th, 4, tw, 4) of {@code th} by {@code tw} tiles of a padded band
     * (B, C, 4 th + 2, 4 tw + 2).
     */
    private NDArray band(NDArray padded, long th, long tw) {
        long b = padded.getShape().get(0);
        long c = padded.getShape().get(1);
        // rows first, then columns: (6 column offsets j, 6 row offsets i, C, B * th * tw); the input transform's
        // columns are in that (j, i) order
        NDList rows = new NDList(TILE);
        for (int i = 0; i < TILE; i++) {
            rows.add(padded.get(new NDIndex(":, :, {}:{}:{}", i, i + OUT * th, OUT)).transpose(1, 0, 2, 3));
        }
        NDArray byRow = NDArrays.stack(rows, 0);
        NDList tiles = new NDList(TILE);
        for (int j = 0; j < TILE; j++) {
            tiles.add(byRow.get(new NDIndex("..., {}:{}:{}", j, j + OUT * tw, OUT)));
        }
        NDArray d = NDArrays.stack(tiles, 0).reshape(TILE * TILE, -1);
        NDArray v = inputTransform.matMul(d).reshape(TILE * TILE, c, -1);
        long k = kernels.getShape().get(1);
        NDArray product = kernels.batchMatMul(v).reshape(TILE * TILE, -1);
        return outputTransform.matMul(product).reshape(OUT, OUT, k, b, th, tw).transpose(3, 2, 4, 0, 5, 1);
    }

    /** The 2-D transform {@code T (x) T} (float64) as a matrix acting on row-major flattened tiles or kernels. */
    private static NDArray kron(NDManager m, double[][] t) {
        int r = t.length;
        int n = t[0].length;
        double[] out = new double[r * r * n * n];
        for (int a = 0; a < r; a++) {
            for (int bb = 0; bb < r; bb++) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        out[(a * r + bb) * n * n + i * n + j] = t[a][i] * t[bb][j];
                    }
                }
            }
        }
        return m.create(out).reshape(r * r, n * n);
    }
}
