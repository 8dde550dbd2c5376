package io.sadtalker.audio.coeff;

import ai.djl.ndarray.NDArray;
import io.sadtalker.core.nn.BatchNorm;
import io.sadtalker.core.nn.Conv2d;
import io.sadtalker.core.nn.ConvConfig;
import io.sadtalker.core.weights.Weights;
import java.util.ArrayList;
import java.util.List;

/**
 * The wav2lip-style audio encoder shared by {@code SimpleWrapperV2.audio_encoder} (Audio2Exp) and
 * {@code src/audio2pose_models/audio_encoder.py AudioEncoder.audio_encoder} (Audio2Pose): 13 {@code Conv2d} blocks
 * (conv, BatchNorm, optional residual, ReLU) mapping one {@code (1, 80, 16)} mel window to a 512-vector.
 */
final class AudioEncoder {
    /** in, out, kernel, stride h, stride w, padding, residual: the original {@code nn.Sequential}. */
    private static final int[][] SPEC = {
            {1, 32, 3, 1, 1, 1, 0}, {32, 32, 3, 1, 1, 1, 1}, {32, 32, 3, 1, 1, 1, 1},
            {32, 64, 3, 3, 1, 1, 0}, {64, 64, 3, 1, 1, 1, 1}, {64, 64, 3, 1, 1, 1, 1},
            {64, 128, 3, 3, 3, 1, 0}, {128, 128, 3, 1, 1, 1, 1}, {128, 128, 3, 1, 1, 1, 1},
            {128, 256, 3, 3, 2, 1, 0}, {256, 256, 3, 1, 1, 1, 1},
            {256, 512, 3, 1, 1, 0, 0}, {512, 512, 1, 1, 1, 0, 0}};

    private final List<Block> blocks;

    private AudioEncoder(List<Block> blocks) {
        this.blocks = blocks;
    }

    /** Loads the {@code nn.Sequential} at {@code w} (keys {@code <i>.conv_block.{0,1}.*}). */
    static AudioEncoder load(Weights w) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < SPEC.length; i++) {
            blocks.add(Block.load(w.prefix(i), SPEC[i]));
        }
        return new AudioEncoder(blocks);
    }

    /** {@code (N, 1, 80, 16)} mel windows to {@code (N, 512)} embeddings. */
    NDArray forward(NDArray mels) {
        NDArray x = mels;
        for (Block b : blocks) {
            x = b.forward(x);
        }
        return x.reshape(x.getShape().get(0), -1);
    }

    /** {@code Conv2d} of {@code audio_encoder.py} / {@code networks.py}: conv_block = (conv, BatchNorm), then ReLU. */
    private record Block(Conv2d conv, BatchNorm norm, boolean residual) {
        static Block load(Weights w, int[] s) {
            Weights cb = w.prefix("conv_block");
            ConvConfig cfg = ConvConfig.DEFAULT.stride(s[3], s[4]).padding(s[5]);
            return new Block(Conv2d.load(cb.prefix(0), s[0], s[1], s[2], cfg), BatchNorm.load(cb.prefix(1), s[1], 1e-5),
                    s[6] == 1);
        }

        NDArray forward(NDArray x) {
            NDArray out = norm.forward(conv.forward(x));
            if (residual) {
                out = out.add(x);
            }
            return out.maximum(0f);
        }
    }
}
