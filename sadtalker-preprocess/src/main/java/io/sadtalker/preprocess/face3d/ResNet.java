package io.sadtalker.preprocess.face3d;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.pooling.Pool;
import io.sadtalker.core.nn.ConvBatchNorm;
import io.sadtalker.core.weights.Weights;
import java.util.ArrayList;
import java.util.List;

/**
 * The ResNet-50 backbone of {@code ReconNetWrapper} ({@code src/face3d/models/networks.py}, torchvision layout,
 * {@code use_last_fc=False}): conv 7x7/2 + bn + relu, max pool 3/2/1, four {@link Bottleneck} stages (3, 4, 6, 3
 * blocks, strides 1, 2, 2, 2), global average pool. Output {@code (B, 2048)}. Immutable; safe for concurrent use.
 */
final class ResNet {
    private static final int[] LAYERS = {3, 4, 6, 3};
    private static final int[] PLANES = {64, 128, 256, 512};
    /** Width of the pooled feature. */
    static final int LAST_DIM = 512 * Bottleneck.EXPANSION;

    private final ConvBatchNorm conv1;
    private final List<Bottleneck> blocks;

    private ResNet(ConvBatchNorm conv1, List<Bottleneck> blocks) {
        this.conv1 = conv1;
        this.blocks = blocks;
    }

    static ResNet load(Weights w) {
        ConvBatchNorm conv1 = Bottleneck.load(w.prefix("conv1"), w.prefix("bn1"), 3, 64, 7, 2, 3);
        List<Bottleneck> blocks = new ArrayList<>();
        int inplanes = 64;
        for (int l = 0; l < LAYERS.length; l++) {
            Weights layer = w.prefix("layer" + (l + 1));
            for (int b = 0; b < LAYERS[l]; b++) {
                int stride = b == 0 && l > 0 ? 2 : 1;
                blocks.add(Bottleneck.load(layer.prefix(b), inplanes, PLANES[l], stride));
                inplanes = PLANES[l] * Bottleneck.EXPANSION;
            }
        }
        return new ResNet(conv1, List.copyOf(blocks));
    }

    /** {@code (B, 3, H, W) -> (B, 2048)}. */
    NDArray forward(NDArray x) {
        x = Activation.relu(conv1.forward(x));
        x = Pool.maxPool2d(x, new Shape(3, 3), new Shape(2, 2), new Shape(1, 1), false);
        for (Bottleneck b : blocks) {
            x = b.forward(x);
        }
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), -1).mean(new int[] {2});
    }
}
