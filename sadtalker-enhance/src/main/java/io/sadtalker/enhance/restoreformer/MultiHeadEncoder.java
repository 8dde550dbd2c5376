package io.sadtalker.enhance.restoreformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.sadtalker.core.nn.Conv2d;
import io.sadtalker.core.nn.ConvConfig;
import io.sadtalker.core.nn.GroupNorm;
import io.sadtalker.core.weights.Weights;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code MultiHeadEncoder}: conv_in, per level {@code num_res_blocks} ResnetBlocks (each followed by
 * self-attention at the attention resolutions) and a Downsample (zero pad right/bottom by 1, 3x3 stride-2 conv)
 * except after the last level, the middle block_1 / attn_1 / block_2, then norm_out, swish, conv_out. Returns the
 * features {@code hs} the decoder attends to, under the original's keys ({@code block_<level>},
 * {@code block_<last>_atten}, {@code mid_atten}, {@code out}).
 */
final class MultiHeadEncoder {
    private final Conv2d convIn;
    private final List<List<ResnetBlock>> blocks;
    private final List<List<MultiHeadAttnBlock>> attns;
    private final List<Conv2d> downsamples;
    private final ResnetBlock midBlock1;
    private final MultiHeadAttnBlock midAttn1;
    private final ResnetBlock midBlock2;
    private final GroupNorm normOut;
    private final Conv2d convOut;

    private MultiHeadEncoder(Conv2d convIn, List<List<ResnetBlock>> blocks, List<List<MultiHeadAttnBlock>> attns,
                             List<Conv2d> downsamples, ResnetBlock midBlock1, MultiHeadAttnBlock midAttn1,
                             ResnetBlock midBlock2, GroupNorm normOut, Conv2d convOut) {
        this.convIn = convIn;
        this.blocks = blocks;
        this.attns = attns;
        this.downsamples = downsamples;
        this.midBlock1 = midBlock1;
        this.midAttn1 = midAttn1;
        this.midBlock2 = midBlock2;
        this.normOut = normOut;
        this.convOut = convOut;
    }

    static MultiHeadEncoder load(Weights w, RestoreFormer.Config cfg) {
        int[] mult = cfg.chMult();
        int curRes = cfg.resolution();
        int blockIn = cfg.ch();
        Conv2d convIn = RestoreFormer.conv3x3(w.prefix("conv_in"), cfg.inChannels(), blockIn);
        List<List<ResnetBlock>> blocks = new ArrayList<>();
        List<List<MultiHeadAttnBlock>> attns = new ArrayList<>();
        List<Conv2d> downsamples = new ArrayList<>();
        for (int level = 0; level < mult.length; level++) {
            Weights down = w.prefix("down").prefix(level);
            int blockOut = cfg.ch() * mult[level];
            List<ResnetBlock> levelBlocks = new ArrayList<>();
            List<MultiHeadAttnBlock> levelAttns = new ArrayList<>();
            for (int i = 0; i < cfg.numResBlocks(); i++) {
                levelBlocks.add(ResnetBlock.load(down.prefix("block").prefix(i), blockIn, blockOut));
                blockIn = blockOut;
                if (cfg.attendsAt(curRes)) {
                    levelAttns.add(MultiHeadAttnBlock.load(down.prefix("attn").prefix(i), blockIn, cfg.headSize()));
                }
            }
            blocks.add(levelBlocks);
            attns.add(levelAttns);
            if (level != mult.length - 1) {
                downsamples.add(Conv2d.load(down.prefix("downsample").prefix("conv"), blockIn, blockIn, 3,
                        ConvConfig.DEFAULT.stride(2)));
                curRes /= 2;
            }
        }
        Weights mid = w.prefix("mid");
        return new MultiHeadEncoder(convIn, blocks, attns, downsamples,
                ResnetBlock.load(mid.prefix("block_1"), blockIn, blockIn),
                MultiHeadAttnBlock.load(mid.prefix("attn_1"), blockIn, cfg.headSize()),
                ResnetBlock.load(mid.prefix("block_2"), blockIn, blockIn),
                RestoreFormer.normalize(w.prefix("norm_out"), blockIn),
                RestoreFormer.conv3x3(w.prefix("conv_out"), blockIn, cfg.zChannels()));
    }

    /** x (b, in_channels, res, res) -> the features by the original's keys; {@code out} is the latent. */
    Map<String, NDArray> forward(NDArray x) {
        Map<String, NDArray> hs = new HashMap<>();
        NDArray h = convIn.forward(x);
        hs.put("in", h);
        int last = blocks.size() - 1;
        for (int level = 0; level <= last; level++) {
            List<MultiHeadAttnBlock> levelAttns = attns.get(level);
            for (int i = 0; i < blocks.get(level).size(); i++) {
                NDArray prev = h;
                h = blocks.get(level).get(i).forward(h);
                if (!levelAttns.isEmpty()) {
                    h = levelAttns.get(i).forward(h, null);
                }
                release(prev, hs);
            }
            if (level != last) {
                hs.put("block_" + level, h);
                NDArray padded = h.pad(new Shape(0, 1, 0, 1), 0);
                h = downsamples.get(level).forward(padded);
                padded.close();
            }
        }
        h = midBlock1.forward(h);
        hs.put("block_" + last + "_atten", h);
        h = midBlock2.forward(midAttn1.forward(h, null));
        hs.put("mid_atten", h);
        hs.put("out", convOut.forward(Nonlinearity.swish(normOut.forward(h))));
        return hs;
    }

    /** Frees an intermediate early (full-resolution features are large) unless it is one of the kept features. */
    private static void release(NDArray x, Map<String, NDArray> kept) {
        if (kept.values().stream().noneMatch(v -> v == x)) {
            x.close();
        }
    }
}
