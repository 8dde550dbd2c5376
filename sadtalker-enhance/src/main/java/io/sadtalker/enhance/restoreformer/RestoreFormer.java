package io.sadtalker.enhance.restoreformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import io.sadtalker.core.nn.Conv2d;
import io.sadtalker.core.nn.ConvConfig;
import io.sadtalker.core.nn.GroupNorm;
import io.sadtalker.core.weights.Weights;
import java.util.Arrays;
import java.util.Map;

/**
 * GFPGAN's {@code RestoreFormer} (gfpgan/archs/restoreformer_arch.py) at inference: MultiHeadEncoder (keeping its
 * intermediate features), quant_conv, VectorQuantizer, post_quant_conv and MultiHeadDecoderTransformer, which
 * cross-attends to the encoder features. Binds the {@code params_ema} state dict of {@code RestoreFormer.pth}.
 * Immutable; safe for concurrent calls.
 */
public final class RestoreFormer {
    /** The constructor arguments that shape the state dict (GroupNorm: 32 groups, eps 1e-6; no double_z). */
    public record Config(int nEmbed, int embedDim, int ch, int outCh, int[] chMult, int numResBlocks,
                         int[] attnResolutions, int inChannels, int resolution, int zChannels, int headSize) {
        /** The defaults GFPGANer(arch='RestoreFormer') uses. */
        public static Config restoreFormer() {
            return new Config(1024, 256, 64, 3, new int[] {1, 2, 2, 4, 4, 8}, 2, new int[] {16}, 3, 512, 256, 8);
        }

        boolean attendsAt(int res) {
            return Arrays.stream(attnResolutions).anyMatch(r -> r == res);
        }
    }

    /** The decoded image and the codebook index of every latent position. */
    public record Output(NDArray dec, NDArray codebookIndices) {
    }

    private final MultiHeadEncoder encoder;
    private final Conv2d quantConv;
    private final VectorQuantizer quantize;
    private final Conv2d postQuantConv;
    private final MultiHeadDecoderTransformer decoder;

    private RestoreFormer(MultiHeadEncoder encoder, Conv2d quantConv, VectorQuantizer quantize, Conv2d postQuantConv,
                          MultiHeadDecoderTransformer decoder) {
        this.encoder = encoder;
        this.quantConv = quantConv;
        this.quantize = quantize;
        this.postQuantConv = postQuantConv;
        this.decoder = decoder;
    }

    /** Binds the state dict ({@code encoder.*, decoder.*, quantize.embedding.weight, quant_conv, post_quant_conv}). */
    public static RestoreFormer load(Weights w, Config cfg) {
        return new RestoreFormer(MultiHeadEncoder.load(w.prefix("encoder"), cfg),
                Conv2d.load(w.prefix("quant_conv"), cfg.zChannels(), cfg.embedDim(), 1, ConvConfig.DEFAULT),
                VectorQuantizer.load(w.prefix("quantize"), cfg.nEmbed(), cfg.embedDim()),
                Conv2d.load(w.prefix("post_quant_conv"), cfg.embedDim(), cfg.zChannels(), 1, ConvConfig.DEFAULT),
                MultiHeadDecoderTransformer.load(w.prefix("decoder"), cfg));
    }

    /** x (b, 3, res, res) RGB in [-1, 1] -> the restored image (same shape, not clamped) and the codebook indices. */
    public Output forward(NDArray x) {
        NDArray dec;
        NDArray indices;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            Map<String, NDArray> hs = encoder.forward(x);
            NDList quant = quantize.forward(quantConv.forward(hs.get("out")));
            indices = quant.get(1);
            dec = decoder.forward(postQuantConv.forward(quant.get(0)), hs);
            NDScope.unregister(dec, indices);
        }
        NDScope.register(dec);
        NDScope.register(indices);
        return new Output(dec, indices);
    }

    /** {@code Normalize(channels)}: GroupNorm(32 groups, eps 1e-6, affine). */
    static GroupNorm normalize(Weights w, int channels) {
        return GroupNorm.load(w, 32, channels, 1e-6);
    }

    /** {@code Conv2d(in, out, kernel_size=3, stride=1, padding=1)}. */
    static Conv2d conv3x3(Weights w, int in, int out) {
        return Conv2d.load(w, in, out, 3, ConvConfig.DEFAULT.padding(1));
    }
}
