package io.sadtalker.enhance.parsing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import io.sadtalker.core.weights.Weights;
import java.util.ArrayList;
import java.util.List;

/**
 * facexlib {@code ParseNet} (facexlib/parsing/parsenet.py) as {@code init_parsing_model('parsenet')} builds it
 * ({@code in_size=512, out_size=512, parsing_ch=19}): a ConvLayer stem, residual down blocks to 32x32, a residual
 * body (added to its input), residual up blocks, then the image and 19-class mask heads. Load from
 * {@code parsing_parsenet.pth} (a bare state dict). Immutable; {@link #forward} is safe for concurrent calls.
 */
public final class ParseNet {
    /** Sizes of the network. */
    public record Config(int inSize, int outSize, int minFeatSize, int resDepth) {
        /** facexlib's face-parsing model: 512 in and out, 32x32 bottleneck, 10 body blocks. */
        public static Config parsenet512() {
            return new Config(512, 512, 32, 10);
        }
    }

    private final List<ConvLayer> stem;
    private final List<ResidualBlock> encoder;
    private final List<ResidualBlock> body;
    private final List<ResidualBlock> decoder;
    private final ConvLayer outImgConv;
    private final ConvLayer outMaskConv;

    private ParseNet(List<ConvLayer> stem, List<ResidualBlock> encoder, List<ResidualBlock> body,
                     List<ResidualBlock> decoder, ConvLayer outImgConv, ConvLayer outMaskConv) {
        this.stem = stem;
        this.encoder = encoder;
        this.body = body;
        this.decoder = decoder;
        this.outImgConv = outImgConv;
        this.outMaskConv = outMaskConv;
    }

    /** Binds the network to the parsing state dict. */
    public static ParseNet load(Weights w, Config cfg) {
        int min = Math.min(cfg.inSize(), cfg.minFeatSize());
        int down = log2(cfg.inSize() / min);
        int up = log2(cfg.outSize() / min);
        Weights enc = w.prefix("encoder");
        List<ConvLayer> stem = List.of(ConvLayer.load(enc.prefix(0), ConvLayer.Scale.NONE, false, false));
        List<ResidualBlock> encoder = new ArrayList<>();
        for (int i = 0; i < down; i++) {
            encoder.add(ResidualBlock.load(enc.prefix(i + 1), ConvLayer.Scale.DOWN));
        }
        List<ResidualBlock> body = new ArrayList<>();
        for (int i = 0; i < cfg.resDepth(); i++) {
            body.add(ResidualBlock.load(w.prefix("body").prefix(i), ConvLayer.Scale.NONE));
        }
        List<ResidualBlock> decoder = new ArrayList<>();
        for (int i = 0; i < up; i++) {
            decoder.add(ResidualBlock.load(w.prefix("decoder").prefix(i), ConvLayer.Scale.UP));
        }
        return new ParseNet(stem, encoder, body, decoder,
                ConvLayer.load(w.prefix("out_img_conv"), ConvLayer.Scale.NONE, false, false),
                ConvLayer.load(w.prefix("out_mask_conv"), ConvLayer.Scale.NONE, false, false));
    }

    /** x (b, 3, 512, 512) RGB normalised to [-1, 1] -> (out_mask (b, 19, 512, 512) logits, out_img (b, 3, 512, 512)). */
    public NDList forward(NDArray x) {
        NDArray mask;
        NDArray img;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray feat = stem.get(0).forward(x);
            for (ResidualBlock b : encoder) {
                feat = b.forward(feat);
            }
            NDArray y = feat;
            for (ResidualBlock b : body) {
                y = b.forward(y);
            }
            y = feat.add(y);
            for (ResidualBlock b : decoder) {
                y = b.forward(y);
            }
            img = outImgConv.forward(y);
            mask = outMaskConv.forward(y);
            NDScope.unregister(img, mask);
        }
        NDScope.register(img);
        NDScope.register(mask);
        return new NDList(mask, img);
    }

    private static int log2(int v) {
        int log = 31 - Integer.numberOfLeadingZeros(v);
        if (v < 1 || (1 << log) != v) {
            throw new IllegalArgumentException("ParseNet sizes must be powers of two apart, got ratio " + v);
        }
        return log;
    }
}
