package io.sadtalker.enhance.gfpgan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import io.sadtalker.core.nn.Activations;
import io.sadtalker.core.nn.Conv2d;
import io.sadtalker.core.nn.ConvConfig;
import io.sadtalker.core.nn.Linear;
import io.sadtalker.core.weights.Weights;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * {@code GFPGANv1Clean} (GFPGAN {@code gfpgan/archs/gfpganv1_clean_arch.py}) as GFPGANv1.4 configures it
 * ({@code out_size=512, channel_multiplier=2, sft_half=True, different_w=True, input_is_latent=True}): a U-Net
 * encoder/decoder of {@code ResBlock}s whose decoder features give the SFT scale/shift conditions, a linear map
 * of the bottleneck to one latent per StyleGAN layer, and the {@code StyleGAN2GeneratorCSFT} decoder. Load from
 * {@code GFPGANv1.4.pth} entry {@code params_ema}. Immutable after loading; {@link #forward} is safe for
 * concurrent calls (each thread must have grad mode off).
 */
public final class GFPGANv1Clean {
    /** GFPGANv1.4's settings. */
    public record Config(int outSize, int numMlp, boolean sftHalf) {
        /** {@code out_size=512, num_mlp=8, sft_half=True}. */
        public static Config v14() {
            return new Config(512, 8, true);
        }
    }

    /** GFPGANer's {@code num_style_feat} for arch 'clean'. */
    static final int NUM_STYLE_FEAT = 512;
    /** GFPGANer's {@code channel_multiplier} for arch 'clean'. */
    static final int CHANNEL_MULTIPLIER = 2;

    private final Conv2d convBodyFirst;
    private final List<ResBlock> convBodyDown;
    private final Conv2d finalConv;
    private final List<ResBlock> convBodyUp;
    private final Linear finalLinear;
    private final StyleGAN2GeneratorCSFT stylegan;
    private final List<Condition> conditions;

    private GFPGANv1Clean(Conv2d convBodyFirst, List<ResBlock> convBodyDown, Conv2d finalConv, List<ResBlock> convBodyUp,
                          Linear finalLinear, StyleGAN2GeneratorCSFT stylegan,
                          List<Condition> conditions) {
        this.convBodyFirst = convBodyFirst;
        this.convBodyDown = convBodyDown;
        this.finalConv = finalConv;
        this.convBodyUp = convBodyUp;
        this.finalLinear = finalLinear;
        this.stylegan = stylegan;
        this.conditions = conditions;
    }

    /**
     * Binds the network to {@code w} (the {@code params_ema} state dict), every tensor checked against its shape in
     * {@code GFPGANv1Clean(out_size, num_style_feat=512, channel_multiplier=2, narrow=1, different_w=True, ...)}.
     */
    public static GFPGANv1Clean load(Weights w, Config cfg) {
        int logSize = log2(cfg.outSize());
        ConvConfig same = ConvConfig.DEFAULT.padding(1);
        int in = unetChannels(cfg.outSize());
        Conv2d first = Conv2d.load(w.prefix("conv_body_first"), 3, in, 1, ConvConfig.DEFAULT);
        List<ResBlock> down = new ArrayList<>();
        for (int i = logSize; i > 2; i--) {
            int out = unetChannels(1 << (i - 1));
            down.add(ResBlock.load(w.prefix("conv_body_down").prefix(logSize - i), in, out, false, 1 << i));
            in = out;
        }
        int bottom = unetChannels(4);
        Conv2d finalConv = Conv2d.load(w.prefix("final_conv"), in, bottom, 3, same);
        in = bottom;
        List<ResBlock> up = new ArrayList<>();
        List<Condition> conditions = new ArrayList<>();
        for (int i = 3; i <= logSize; i++) {
            int out = unetChannels(1 << i);
            int sftOut = cfg.sftHalf() ? out : 2 * out;
            up.add(ResBlock.load(w.prefix("conv_body_up").prefix(i - 3), in, out, true, 1 << (i - 1)));
            // toRGB feeds the original's training-only out_rgbs: checked and bound, never run
            Conv2d.load(w.prefix("toRGB").prefix(i - 3), out, 3, 1, ConvConfig.DEFAULT);
            conditions.add(Condition.load(w.prefix("condition_scale").prefix(i - 3),
                    w.prefix("condition_shift").prefix(i - 3), out, sftOut, 1 << i));
            in = out;
        }
        int numLatent = logSize * 2 - 2;
        Linear finalLinear = Linear.load(w.prefix("final_linear"), bottom * 4 * 4, numLatent * NUM_STYLE_FEAT);
        StyleGAN2GeneratorCSFT decoder = StyleGAN2GeneratorCSFT.load(w.prefix("stylegan_decoder"), cfg.outSize(),
                NUM_STYLE_FEAT, cfg.numMlp(), CHANNEL_MULTIPLIER, cfg.sftHalf());
        return new GFPGANv1Clean(first, down, finalConv, up, finalLinear, decoder, conditions);
    }

    /** The U-Net's channels at {@code resolution}: the StyleGAN2 channels at {@code narrow = 0.5}. */
    private static int unetChannels(int resolution) {
        return channels(resolution, CHANNEL_MULTIPLIER, 0.5);
    }

    /**
     * The StyleGAN2 {@code channels} table: {@code int(512 * narrow)} up to 32, then
     * {@code int(16384 / resolution * channel_multiplier * narrow)} (256, 128, 64, 32, 16 at 64 ... 1024).
     */
    static int channels(int resolution, int channelMultiplier, double narrow) {
        return resolution <= 32 ? (int) (512 * narrow) : (int) (16384 / resolution * channelMultiplier * narrow);
    }

    /**
     * x (b, 3, 512, 512) RGB in [-1, 1] -> restored image (b, 3, 512, 512), about [-1, 1], not clamped
     * ({@code return_rgb=False}: the intermediate U-Net RGB outputs are not computed). {@code random} non-null draws
     * fresh noise per layer from it, as GFPGANer's default {@code randomize_noise=True}; null uses the stored noise
     * buffers ({@code randomize_noise=False}).
     */
    public NDArray forward(NDArray x, RandomGenerator random) {
        NDArray image;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray feat = Activations.leakyRelu(convBodyFirst.forward(x), 0.2);
            List<NDArray> unetSkips = new ArrayList<>();
            for (ResBlock block : convBodyDown) {
                feat = block.forward(feat);
                unetSkips.add(0, feat);
            }
            feat = Activations.leakyRelu(finalConv.forward(feat), 0.2);
            long b = feat.getShape().get(0);
            NDArray styleCode = finalLinear.forward(feat.reshape(b, -1)).reshape(b, -1, NUM_STYLE_FEAT);
            List<NDArray> scaleShifts = new ArrayList<>();
            for (int i = 0; i < convBodyUp.size(); i++) {
                feat = feat.add(unetSkips.get(i));
                feat = convBodyUp.get(i).forward(feat);
                scaleShifts.addAll(List.of(conditions.get(i).forward(feat)));
            }
            image = stylegan.forward(styleCode, scaleShifts, random);
            NDScope.unregister(image);
        }
        NDScope.register(image);
        return image;
    }

    static int log2(int size) {
        int log = 31 - Integer.numberOfLeadingZeros(size);
        if (size <= 4 || (1 << log) != size) {
            throw new IllegalArgumentException("out_size must be a power of two above 4, got " + size);
        }
        return log;
    }
}
