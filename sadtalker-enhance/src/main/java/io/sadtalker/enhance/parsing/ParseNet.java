package io.sadtalker.enhance.parsing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.sadtalker.core.nn.Conv2d;
import io.sadtalker.core.nn.ConvConfig;
import io.sadtalker.core.weights.Weights;
import java.util.ArrayList;
import java.util.List;

/**
 * facexlib {@code ParseNet} (facexlib/parsing/parsenet.py) as {@code init_parsing_model('parsenet')} builds it
 * ({@code in_size=512, out_size=512, parsing_ch=19}): a 3x3 conv stem, residual down blocks to 32x32, a residual
 * body (added to its input), residual up blocks, then the image and 19-class mask heads; every conv reflection-pads
 * its input by 1 (the heads read the same padded map: one conv with the mask's outputs, then the image's). Load
 * from {@code parsing_parsenet.pth} (a bare state dict). Immutable; {@link #forward} is safe for concurrent calls.
 */
public final class ParseNet {
    /** The constructor arguments that shape the state dict ({@code relu_type='LeakyReLU', norm_type='bn'}). */
    public record Config(int inSize, int outSize, int minFeatSize, int baseCh, int parsingCh, int resDepth, int minCh,
                         int maxCh) {
        /** facexlib's face-parsing model: 512 in and out, 32x32 bottleneck, 10 body blocks, channels in [32, 256]. */
        public static Config parsenet512() {
            return new Config(512, 512, 32, 64, 19, 10, 32, 256);
        }

        /** {@code ch_clip}: {@code channels} clipped to {@code ch_range}. */
        int clip(int channels) {
            return Math.max(minCh, Math.min(channels, maxCh));
        }
    }

    private final Conv2d stem;
    private final List<ResidualBlock> encoder;
    private final List<ResidualBlock> body;
    private final List<ResidualBlock> decoder;
    private final Conv2d heads;
    private final int parsingCh;

    private ParseNet(Conv2d stem, List<ResidualBlock> encoder, List<ResidualBlock> body, List<ResidualBlock> decoder,
                     Conv2d heads, int parsingCh) {
        this.stem = stem;
        this.encoder = encoder;
        this.body = body;
        this.decoder = decoder;
        this.heads = heads;
        this.parsingCh = parsingCh;
    }

    /** Binds the network to the parsing state dict, every tensor checked against its shape in {@code cfg}'s net. */
    public static ParseNet load(Weights w, Config cfg) {
        int min = Math.min(cfg.inSize(), cfg.minFeatSize());
        int down = log2(cfg.inSize() / min);
        int up = log2(cfg.outSize() / min);
        Weights enc = w.prefix("encoder");
        Conv2d stem = conv(enc.prefix(0), 3, cfg.baseCh());
        int head = cfg.baseCh();
        List<ResidualBlock> encoder = new ArrayList<>();
        for (int i = 0; i < down; i++) {
            encoder.add(ResidualBlock.load(enc.prefix(i + 1), cfg.clip(head), cfg.clip(head * 2),
                    ResidualBlock.Scale.DOWN, cfg.inSize() >> i));
            head *= 2;
        }
        List<ResidualBlock> body = new ArrayList<>();
        for (int i = 0; i < cfg.resDepth(); i++) {
            body.add(ResidualBlock.load(w.prefix("body").prefix(i), cfg.clip(head), cfg.clip(head),
                    ResidualBlock.Scale.NONE, min));
        }
        List<ResidualBlock> decoder = new ArrayList<>();
        for (int i = 0; i < up; i++) {
            decoder.add(ResidualBlock.load(w.prefix("decoder").prefix(i), cfg.clip(head), cfg.clip(head / 2),
                    ResidualBlock.Scale.UP, min << (i + 1)));
            head /= 2;
        }
        Conv2d img = conv(w.prefix("out_img_conv"), cfg.clip(head), 3);
        Conv2d mask = conv(w.prefix("out_mask_conv"), cfg.clip(head), cfg.parsingCh());
        Conv2d heads = Conv2d.of(mask.weight().concat(img.weight()), mask.bias().concat(img.bias()),
                new long[] {1, 1}, new long[] {0, 0}, new long[] {1, 1}, 1);
        return new ParseNet(stem, encoder, body, decoder, heads, cfg.parsingCh());
    }

    /** A plain {@code ConvLayer(in, out, 3)}: {@code conv2d} with bias, no norm, no activation. */
    private static Conv2d conv(Weights w, int in, int out) {
        return Conv2d.load(w.prefix("conv2d"), in, out, 3, ConvConfig.DEFAULT);
    }

    /** x (b, 3, 512, 512) RGB normalised to [-1, 1] -> (out_mask (b, 19, 512, 512) logits, out_img (b, 3, 512, 512)). */
    public NDList forward(NDArray x) {
        NDArray mask;
        NDArray img;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray feat = stem.forward(reflectionPad1(x));
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
            NDArray out = heads.forward(reflectionPad1(y));
            mask = out.get(":, :{}", parsingCh);
            img = out.get(":, {}:", parsingCh);
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

    /**
     * {@code nn.ReflectionPad2d(1)}: {@code x} copied into the middle of an uninitialised (h + 2, w + 2) map whose
     * border rows, then border columns, are written with their mirror images (row 1 and row h-2, then padded
     * columns 2 and w-1); no pass zero-filling the map first.
     */
    static NDArray reflectionPad1(NDArray x) {
        long[] s = x.getShape().getShape();
        long h = s[2];
        long w = s[3];
        NDArray padded = x.getManager().create(new Shape(s[0], s[1], h + 2, w + 2), x.getDataType());
        padded.set(new NDIndex(":, :, 1:{}, 1:{}", h + 1, w + 1), x);
        padded.set(new NDIndex(":, :, 0, 1:{}", w + 1), x.get(new NDIndex(":, :, 1")));
        padded.set(new NDIndex(":, :, {}, 1:{}", h + 1, w + 1), x.get(new NDIndex(":, :, {}", h - 2)));
        padded.set(new NDIndex(":, :, :, 0"), padded.get(new NDIndex(":, :, :, 2")));
        padded.set(new NDIndex(":, :, :, {}", w + 1), padded.get(new NDIndex(":, :, :, {}", w - 1)));
        return padded;
    }
}
