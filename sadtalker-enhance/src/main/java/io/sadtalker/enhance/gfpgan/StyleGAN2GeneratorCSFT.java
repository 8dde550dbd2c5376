package io.sadtalker.enhance.gfpgan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.sadtalker.core.nn.Linear;
import io.sadtalker.core.weights.Weights;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * {@code StyleGAN2GeneratorCSFT} (GFPGAN {@code gfpganv1_clean_arch.py} over {@code StyleGAN2GeneratorClean}): a
 * constant 4x4 input, {@code style_conv1} + {@code to_rgb1}, then per resolution an upsampling StyleConv, the SFT
 * modulation {@code out * scale + shift} (on the second half of the channels when {@code sftHalf}), a StyleConv and
 * a ToRGB accumulated into the skip image. Takes one latent per layer (the encoder's "different w").
 */
final class StyleGAN2GeneratorCSFT {
    private final NDArray constantInput;
    private final StyleConv styleConv1;
    private final ToRGB toRgb1;
    private final List<StyleConv> styleConvs;
    private final List<ToRGB> toRgbs;
    private final List<NDArray> noises;
    private final boolean sftHalf;

    private StyleGAN2GeneratorCSFT(NDArray constantInput, StyleConv styleConv1, ToRGB toRgb1,
                                   List<StyleConv> styleConvs, List<ToRGB> toRgbs, List<NDArray> noises,
                                   boolean sftHalf) {
        this.constantInput = constantInput;
        this.styleConv1 = styleConv1;
        this.toRgb1 = toRgb1;
        this.styleConvs = styleConvs;
        this.toRgbs = toRgbs;
        this.noises = noises;
        this.sftHalf = sftHalf;
    }

    /**
     * {@code StyleGAN2GeneratorCSFT(out_size, num_style_feat, num_mlp, channel_multiplier, narrow=1, sft_half)}:
     * {@code outSize} a power of two; the {@code numMlp} style-MLP layers ({@code style_mlp.1, .3, ...}) are checked
     * and bound but never run: GFPGAN feeds latents directly.
     */
    static StyleGAN2GeneratorCSFT load(Weights w, int outSize, int numStyleFeat, int numMlp, int channelMultiplier,
                                       boolean sftHalf) {
        int logSize = GFPGANv1Clean.log2(outSize);
        Weights mlp = w.prefix("style_mlp");
        for (int i = 0; i < numMlp; i++) {
            Linear.load(mlp.prefix(2 * i + 1), numStyleFeat, numStyleFeat);
        }
        int in = GFPGANv1Clean.channels(4, channelMultiplier, 1);
        NDArray constant = w.prefix("constant_input").get("weight", 1, in, 4, 4);
        StyleConv styleConv1 = StyleConv.load(w.prefix("style_conv1"), in, in, numStyleFeat, false);
        ToRGB toRgb1 = ToRGB.load(w.prefix("to_rgb1"), in, numStyleFeat, false);
        Weights convs = w.prefix("style_convs");
        Weights rgbs = w.prefix("to_rgbs");
        List<StyleConv> styleConvs = new ArrayList<>();
        List<ToRGB> toRgbs = new ArrayList<>();
        for (int i = 0; i < logSize - 2; i++) {
            int out = GFPGANv1Clean.channels(1 << (i + 3), channelMultiplier, 1);
            styleConvs.add(StyleConv.load(convs.prefix(2 * i), in, out, numStyleFeat, true));
            styleConvs.add(StyleConv.load(convs.prefix(2 * i + 1), out, out, numStyleFeat, false));
            toRgbs.add(ToRGB.load(rgbs.prefix(i), out, numStyleFeat, true));
            in = out;
        }
        Weights noiseBuffers = w.prefix("noises");
        List<NDArray> noises = new ArrayList<>();
        int numLayers = (logSize - 2) * 2 + 1;
        for (int i = 0; i < numLayers; i++) {
            long res = 1L << ((i + 5) / 2);
            noises.add(noiseBuffers.get("noise" + i, 1, 1, res, res));
        }
        return new StyleGAN2GeneratorCSFT(constant, styleConv1, toRgb1, styleConvs, toRgbs, noises, sftHalf);
    }

    /**
     * latent (b, num_latent, 512), conditions (scale, shift) pairs per resolution from 8 up; {@code random} null
     * uses the stored {@code noises.noise<i>} buffers, else each layer gets fresh standard-normal noise
     * {@code (b, 1, h, w)} drawn from it (the original's {@code randomize_noise=True}, {@code normal_()} per layer).
     * Returns the image (b, 3, out, out).
     */
    NDArray forward(NDArray latent, List<NDArray> conditions, RandomGenerator random) {
        long b = latent.getShape().get(0);
        NDArray out = constantInput.repeat(0, b);
        out = styleConv1.forward(out, latentAt(latent, 0), noise(0, out, random));
        NDArray skip = toRgb1.forward(out, latentAt(latent, 1), null);
        int i = 1;
        for (int block = 0; block < toRgbs.size(); block++) {
            out = styleConvs.get(2 * block).forward(out, latentAt(latent, i), noise(i, out, random));
            if (i < conditions.size()) {
                NDArray scale = conditions.get(i - 1);
                NDArray shift = conditions.get(i);
                if (sftHalf) {
                    // the fresh conv output's second half, modulated in place (the original splits and concatenates)
                    out.get(":, {}:", out.getShape().get(1) / 2).muli(scale).addi(shift);
                } else {
                    out = out.mul(scale).add(shift);
                }
            }
            out = styleConvs.get(2 * block + 1).forward(out, latentAt(latent, i + 1), noise(i + 1, out, random));
            skip = toRgbs.get(block).forward(out, latentAt(latent, i + 2), skip);
            i += 2;
        }
        return skip;
    }

    /** Number of latents the decoder consumes ({@code log_size * 2 - 2}). */
    int numLatent() {
        return toRgbs.size() * 2 + 2;
    }

    /**
     * Noise of {@code layer} for a batch like {@code in} (the layer's input, on the device it runs on): the stored
     * buffer, or {@code (b, 1, res, res)} standard-normal draws from {@code random}.
     */
    private NDArray noise(int layer, NDArray in, RandomGenerator random) {
        NDArray stored = noises.get(layer);
        if (random == null) {
            return stored;
        }
        long res = stored.getShape().get(2);
        Shape shape = new Shape(in.getShape().get(0), 1, res, res);
        float[] z = new float[Math.toIntExact(shape.size())];
        for (int k = 0; k < z.length; k++) {
            z[k] = (float) random.nextGaussian();
        }
        return in.getManager().create(z, shape);
    }

    private static NDArray latentAt(NDArray latent, int index) {
        return latent.get(new NDIndex(":, {}", index));
    }
}
