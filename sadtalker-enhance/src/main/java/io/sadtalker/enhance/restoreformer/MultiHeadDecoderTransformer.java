package io.sadtalker.enhance.restoreformer;

import ai.djl.ndarray.NDArray;
import io.sadtalker.core.nn.Conv2d;
import io.sadtalker.core.nn.GroupNorm;
import io.sadtalker.core.nn.Interpolate;
import io.sadtalker.core.nn.Scoped;
import io.sadtalker.core.weights.Weights;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code MultiHeadDecoderTransformer}: conv_in, the middle block_1 / attn_1 (cross-attention to
 * {@code hs["mid_atten"]}) / block_2, then from the last level down to 0: {@code num_res_blocks + 1} ResnetBlocks
 * (each followed at the attention resolutions by cross-attention to {@code hs["block_<level>_atten"]}) and an
 * Upsample (nearest x2, 3x3 conv) except at level 0; then norm_out, swish, conv_out.
 */
final class MultiHeadDecoderTransformer {
    private final Conv2d convIn;
    private final ResnetBlock midBlock1;
    private final MultiHeadAttnBlock midAttn1;
    private final ResnetBlock midBlock2;
    private final List<List<ResnetBlock>> blocks;
    private final List<List<MultiHeadAttnBlock>> attns;
    private final List<Conv2d> upsamples;
    private final GroupNorm normOut;
    private final Conv2d convOut;

    private MultiHeadDecoderTransformer(Conv2d convIn, ResnetBlock midBlock1, MultiHeadAttnBlock midAttn1,
                                        ResnetBlock midBlock2, List<List<ResnetBlock>> blocks,
                                        List<List<MultiHeadAttnBlock>> attns, List<Conv2d> upsamples,
                                        GroupNorm normOut, Conv2d convOut) {
        this.convIn = convIn;
        this.midBlock1 = midBlock1;
        this.midAttn1 = midAttn1;
        this.midBlock2 = midBlock2;
        this.blocks = blocks;
        this.attns = attns;
        this.upsamples = upsamples;
        this.normOut = normOut;
        this.convOut = convOut;
    }

    static MultiHeadDecoderTransformer load(Weights w, RestoreFormer.Config cfg) {
        int[] mult = cfg.chMult();
        int levels = mult.length;
        int blockIn = cfg.ch() * mult[levels - 1];
        int curRes = cfg.resolution() >> (levels - 1);
        Conv2d convIn = RestoreFormer.conv3x3(w.prefix("conv_in"), cfg.zChannels(), blockIn);
        Weights mid = w.prefix("mid");
        ResnetBlock midBlock1 = ResnetBlock.load(mid.prefix("block_1"), blockIn, blockIn);
        MultiHeadAttnBlock midAttn1 = MultiHeadAttnBlock.load(mid.prefix("attn_1"), blockIn, cfg.headSize());
        ResnetBlock midBlock2 = ResnetBlock.load(mid.prefix("block_2"), blockIn, blockIn);
        // indexed by level, as the original's self.up
        List<List<ResnetBlock>> blocks = new ArrayList<>();
        List<List<MultiHeadAttnBlock>> attns = new ArrayList<>();
        List<Conv2d> upsamples = new ArrayList<>();
        for (int level = levels - 1; level >= 0; level--) {
            Weights up = w.prefix("up").prefix(level);
            int blockOut = cfg.ch() * mult[level];
            List<ResnetBlock> levelBlocks = new ArrayList<>();
            List<MultiHeadAttnBlock> levelAttns = new ArrayList<>();
            for (int i = 0; i < cfg.numResBlocks() + 1; i++) {
                levelBlocks.add(ResnetBlock.load(up.prefix("block").prefix(i), blockIn, blockOut));
                blockIn = blockOut;
                if (cfg.attendsAt(curRes)) {
                    levelAttns.add(MultiHeadAttnBlock.load(up.prefix("attn").prefix(i), blockIn, cfg.headSize()));
                }
            }
            blocks.add(0, levelBlocks);
            attns.add(0, levelAttns);
            upsamples.add(0, level != 0 ? RestoreFormer.conv3x3(up.prefix("upsample").prefix("conv"), blockIn, blockIn)
                    : null);
            if (level != 0) {
                curRes *= 2;
            }
        }
        return new MultiHeadDecoderTransformer(convIn, midBlock1, midAttn1, midBlock2, blocks, attns, upsamples,
                RestoreFormer.normalize(w.prefix("norm_out"), blockIn),
                RestoreFormer.conv3x3(w.prefix("conv_out"), blockIn, cfg.outCh()));
    }

    /** z (b, z_channels, r, r) with the encoder features {@code hs} -> (b, out_ch, res, res). */
    NDArray forward(NDArray z, Map<String, NDArray> hs) {
        return Scoped.run(() -> {
            NDArray h = midBlock1.forward(convIn.forward(z));
            h = midBlock2.forward(midAttn1.forward(h, feature(hs, "mid_atten")));
            for (int level = blocks.size() - 1; level >= 0; level--) {
                List<MultiHeadAttnBlock> levelAttns = attns.get(level);
                for (int i = 0; i < blocks.get(level).size(); i++) {
                    NDArray prev = h;
                    h = blocks.get(level).get(i).forward(h);
                    if (!levelAttns.isEmpty()) {
                        h = levelAttns.get(i).forward(h, feature(hs, "block_" + level + "_atten"));
                    }
                    prev.close();
                }
                if (level != 0) {
                    NDArray prev = h;
                    h = upsamples.get(level).forward(Interpolate.nearestScale(h, 2, 2));
                    prev.close();
                }
            }
            return convOut.forward(Nonlinearity.swish(normOut.forward(h)));
        });
    }

    private static NDArray feature(Map<String, NDArray> hs, String key) {
        NDArray f = hs.get(key);
        if (f == null) {
            throw new IllegalStateException("the encoder has no feature '" + key + "' for the decoder's attention");
        }
        return f;
    }
}
