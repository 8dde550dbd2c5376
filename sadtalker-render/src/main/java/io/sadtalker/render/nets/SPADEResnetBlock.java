package io.sadtalker.render.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import io.sadtalker.core.nn.Activations;
import io.sadtalker.core.nn.Conv2d;
import io.sadtalker.core.nn.ConvConfig;
import io.sadtalker.core.nn.Convolution;
import io.sadtalker.core.nn.InstanceNorm;
import io.sadtalker.core.nn.Scoped;
import io.sadtalker.core.nn.UpsampledConv;
import io.sadtalker.core.nn.WinogradConv;
import io.sadtalker.core.weights.Weights;

/**
 * {@code util.SPADEResnetBlock} with {@code norm_G='spadespectralinstance'}: spectral-norm convs (resolved at load),
 * SPADE norms ({@code InstanceNorm2d(x) * (1 + gamma(seg)) + beta(seg)}), LeakyReLU 0.2, learned 1x1 shortcut when
 * {@code fin != fout}.
 *
 * <p>Rewritten at load time, exactly: the {@code mlp_shared} convs of the block's SPADE norms (norm_0, norm_s,
 * norm_1) all read the same segmap, so they run as one wider conv; when the block works at {@code f} times the
 * segmap resolution that conv is evaluated per output phase on the low-res segmap ({@link UpsampledConv}) instead
 * of on the nearest-upsampled one; each norm's {@code mlp_gamma} and {@code mlp_beta} run as one conv with the
 * {@code 1 +} folded into gamma's bias; norm_s's beta is composed with the linear 1x1 shortcut conv; norm_0 and
 * norm_s share the instance normalisation of x. Each branch frees its temporaries on return ({@link Scoped}), so
 * only a few of the block's full-resolution maps exist at once.
 */
final class SPADEResnetBlock {
    private static final float EPS = 1e-5f;
    private static final int NHIDDEN = 128;
    private static final ConvConfig SAME = ConvConfig.DEFAULT.padding(1);
    private final Convolution mlpShared;
    private final int factor;
    private final Convolution gammaBeta0;
    private final Convolution gammaBeta1;
    private final Convolution gammaBetaS;
    private final Convolution conv0;
    private final Convolution conv1;
    private final Conv2d convS;

    private SPADEResnetBlock(Convolution mlpShared, int factor, Convolution gammaBeta0, Convolution gammaBeta1,
                             Convolution gammaBetaS, Convolution conv0, Convolution conv1, Conv2d convS) {
        this.mlpShared = mlpShared;
        this.factor = factor;
        this.gammaBeta0 = gammaBeta0;
        this.gammaBeta1 = gammaBeta1;
        this.gammaBetaS = gammaBetaS;
        this.conv0 = conv0;
        this.conv1 = conv1;
        this.convS = convS;
    }

    /**
     * Loads {@code SPADEResnetBlock(fin, fout, 'spadespectralinstance', label_nc)}; {@code factor} is its resolution
     * over the segmap's (1, 2 or 4 in the decoder). Its 3x3 convs (conv_0, conv_1, the norms' gamma-beta convs and,
     * at factor 1, the shared mlp conv) run as {@link WinogradConv} where that is faster
     * ({@link WinogradConv#orDirect}).
     */
    static SPADEResnetBlock load(Weights w, int fin, int fout, int labelNc, int factor) {
        Parts parts = loadParts(w, fin, fout, labelNc);
        Conv2d shared = parts.shared();
        return parts.block().withShared(factor == 1 ? WinogradConv.orDirect(shared) : UpsampledConv.of(shared, factor),
                factor);
    }

    /** A block loaded without its shared mlp conv, and that conv (for a caller that runs it with others). */
    record Parts(SPADEResnetBlock block, Conv2d shared) {
    }

    /**
     * Loads the block as {@link #load} does, but returns its shared mlp conv (the norms' {@code mlp_shared}, merged)
     * beside it instead of in it: the block then runs with {@link #forwardHidden}.
     */
    static Parts loadParts(Weights w, int fin, int fout, int labelNc) {
        boolean learnedShortcut = fin != fout;
        int fmiddle = Math.min(fin, fout);
        NDList sharedW = new NDList();
        NDList sharedB = new NDList();
        Conv2d gb0 = loadNorm(w.prefix("norm_0"), fin, labelNc, sharedW, sharedB, null);
        Conv2d convS = learnedShortcut
                ? Conv2d.loadSpectral(w.prefix("conv_s"), fin, fout, 1, ConvConfig.DEFAULT.noBias()) : null;
        Conv2d gbS = learnedShortcut ? loadNorm(w.prefix("norm_s"), fin, labelNc, sharedW, sharedB, convS) : null;
        Conv2d gb1 = loadNorm(w.prefix("norm_1"), fmiddle, labelNc, sharedW, sharedB, null);
        Conv2d shared = same(NDArrays.concat(sharedW, 0), NDArrays.concat(sharedB, 0));
        return new Parts(new SPADEResnetBlock(null, 1, WinogradConv.orDirect(gb0), WinogradConv.orDirect(gb1),
                gbS == null ? null : WinogradConv.orDirect(gbS),
                WinogradConv.orDirect(Conv2d.loadSpectral(w.prefix("conv_0"), fin, fmiddle, 3, SAME)),
                WinogradConv.orDirect(Conv2d.loadSpectral(w.prefix("conv_1"), fmiddle, fout, 3, SAME)), convS), shared);
    }

    private SPADEResnetBlock withShared(Convolution shared, int f) {
        return new SPADEResnetBlock(shared, f, gammaBeta0, gammaBeta1, gammaBetaS, conv0, conv1, convS);
    }

    /** A 3x3 conv with padding 1 over {@code weight} and {@code bias}. */
    private static Conv2d same(NDArray weight, NDArray bias) {
        return Conv2d.of(weight, bias, new long[] {1, 1}, new long[] {1, 1}, new long[] {1, 1}, 1);
    }

    /**
     * One SPADE norm: appends its mlp_shared to the shared conv and returns [gamma + 1; beta] as one conv. For the
     * shortcut norm, whose output only feeds the linear 1x1 {@code conv_s}, beta is returned already mapped by
     * conv_s ({@code conv_s(n * g + beta) = conv_s(n * g) + (conv_s o mlp_beta)(actv)}): a 3x3 conv to fout channels
     * instead of one to fin channels.
     */
    private static Conv2d loadNorm(Weights w, int c, int labelNc, NDList sharedW, NDList sharedB, Conv2d then) {
        Conv2d shared = Conv2d.load(w.prefix("mlp_shared").prefix(0), labelNc, NHIDDEN, 3, SAME);
        sharedW.add(shared.weight());
        sharedB.add(shared.bias());
        Conv2d gamma = Conv2d.load(w.prefix("mlp_gamma"), NHIDDEN, c, 3, SAME);
        Conv2d beta = Conv2d.load(w.prefix("mlp_beta"), NHIDDEN, c, 3, SAME);
        NDArray gw = gamma.weight();
        NDArray gb = gamma.bias().add(1f);
        NDArray bw = beta.weight();
        NDArray bb = beta.bias();
        if (then != null) {
            NDArray ws = then.weight().toType(DataType.FLOAT64, false);
            long out = ws.getShape().get(0);
            ws = ws.reshape(out, c);
            bw = ws.matMul(bw.toType(DataType.FLOAT64, false).reshape(c, -1)).reshape(out, NHIDDEN, 3, 3)
                    .toType(DataType.FLOAT32, false);
            bb = ws.matMul(bb.toType(DataType.FLOAT64, false)).toType(DataType.FLOAT32, false);
        }
        return same(NDArrays.concat(new NDList(gw, bw), 0), NDArrays.concat(new NDList(gb, bb), 0));
    }

    /** The block on {@code x} with segmap {@code seg} (at 1 / factor of x's resolution). */
    NDArray forward(NDArray x, NDArray seg) {
        if (x.getShape().get(2) != seg.getShape().get(2) * factor || x.getShape().get(3) != seg.getShape().get(3) * factor) {
            throw new IllegalArgumentException("SPADE block at " + factor + "x the segmap: x " + x.getShape() + ", segmap "
                    + seg.getShape());
        }
        return Scoped.run(() -> forwardHidden(x, mlpShared.forward(seg)));
    }

    /**
     * The block on {@code x} given its shared mlp conv's output (before the ReLU) at x's resolution: its norms'
     * hidden maps, {@code NHIDDEN} channels each in the order norm_0, norm_s, norm_1.
     */
    NDArray forwardHidden(NDArray x, NDArray shared) {
        return Scoped.run(() -> {
            NDArray actv = Activations.relu(shared);
            NDArray normalized = InstanceNorm.apply(x, EPS);
            NDArray xs = convS == null ? x : Scoped.run(() -> {
                NDArray gb = gammaBetaS.forward(hidden(actv, 1));
                long c = normalized.getShape().get(1);
                return convS.forward(normalized.mul(gb.get(new NDIndex(":, :{}", c))))
                        .addi(gb.get(new NDIndex(":, {}:", c)));
            });
            NDArray dx0 = Scoped.run(() -> conv0.forward(Activations.leakyRelu(
                    modulate(normalized, gammaBeta0, hidden(actv, 0)), 0.2)));
            normalized.close();
            int last = convS == null ? 1 : 2;
            NDArray dx = Scoped.run(() -> conv1.forward(Activations.leakyRelu(
                    modulate(InstanceNorm.apply(dx0, EPS), gammaBeta1, hidden(actv, last)), 0.2)));
            return dx.addi(xs);
        });
    }

    private static NDArray hidden(NDArray actv, int slot) {
        return actv.get(new NDIndex(":, {}:{}", slot * NHIDDEN, (slot + 1) * NHIDDEN));
    }

    /** {@code normalized * (1 + gamma) + beta} with [gamma + 1; beta] from one conv of the hidden activation. */
    private static NDArray modulate(NDArray normalized, Convolution gammaBeta, NDArray hidden) {
        NDArray gb = gammaBeta.forward(hidden);
        long c = normalized.getShape().get(1);
        return gb.get(new NDIndex(":, :{}", c)).muli(normalized).addi(gb.get(new NDIndex(":, {}:", c)));
    }
}
