package io.sadtalker.preprocess.detect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.sadtalker.core.nn.Activations;
import io.sadtalker.core.nn.ConvBatchNorm;
import io.sadtalker.core.nn.Pooling;
import io.sadtalker.core.nn.Scoped;
import io.sadtalker.core.weights.Weights;
import java.util.ArrayList;
import java.util.List;

/**
 * torchvision {@code resnet50} as RetinaFace's {@code body}: {@code IntermediateLayerGetter} returning
 * {@code layer2}, {@code layer3} and {@code layer4} (strides 8, 16, 32); the classifier is not part of it. Every
 * batch norm is folded into the convolution before it ({@link ConvBatchNorm}).
 */
final class ResNet50 {
    private static final double BN_EPS = 1e-5;
    private static final int[] BLOCKS = {3, 4, 6, 3};

    private final ConvBatchNorm conv1;
    private final List<List<Bottleneck>> layers;

    private ResNet50(ConvBatchNorm conv1, List<List<Bottleneck>> layers) {
        this.conv1 = conv1;
        this.layers = layers;
    }

    static ResNet50 load(Weights w) {
        List<List<Bottleneck>> layers = new ArrayList<>();
        for (int l = 0; l < BLOCKS.length; l++) {
            Weights lw = w.prefix("layer" + (l + 1));
            List<Bottleneck> blocks = new ArrayList<>();
            for (int b = 0; b < BLOCKS[l]; b++) {
                int stride = (b == 0 && l > 0) ? 2 : 1;
                blocks.add(Bottleneck.load(lw.prefix(b), stride));
            }
            layers.add(blocks);
        }
        return new ResNet50(ConvBatchNorm.load(w.prefix("conv1"), w.prefix("bn1"), 2, 3, BN_EPS), layers);
    }

    /**
     * The outputs of layer2, layer3 and layer4. Each layer frees its blocks' temporaries on return, so the working
     * memory is that of one layer, not of the whole network (it grows with the picture's pixel count).
     */
    NDList forward(NDArray x) {
        NDArray y = Scoped.run(() -> Pooling.maxPool2d(Activations.relu(conv1.forward(x)), 3, 2, 1));
        NDList out = new NDList();
        for (int l = 0; l < layers.size(); l++) {
            List<Bottleneck> blocks = layers.get(l);
            NDArray in = y;
            y = Scoped.run(() -> {
                NDArray h = in;
                for (Bottleneck block : blocks) {
                    NDArray prev = h;
                    h = Scoped.run(() -> block.forward(prev));
                }
                return h;
            });
            if (l > 0) {
                out.add(y);
            }
        }
        return out;
    }

    /** torchvision {@code Bottleneck} (stride on the 3x3 conv, expansion 4); {@code downsample} may be null. */
    private record Bottleneck(ConvBatchNorm conv1, ConvBatchNorm conv2, ConvBatchNorm conv3,
                              ConvBatchNorm downsample) {
        static Bottleneck load(Weights w, int stride) {
            ConvBatchNorm downsample = null;
            if (w.contains("downsample.0.weight")) {
                Weights d = w.prefix("downsample");
                downsample = ConvBatchNorm.load(d.prefix(0), d.prefix(1), stride, 0, BN_EPS);
            }
            return new Bottleneck(ConvBatchNorm.load(w.prefix("conv1"), w.prefix("bn1"), 1, 0, BN_EPS),
                    ConvBatchNorm.load(w.prefix("conv2"), w.prefix("bn2"), stride, 1, BN_EPS),
                    ConvBatchNorm.load(w.prefix("conv3"), w.prefix("bn3"), 1, 0, BN_EPS), downsample);
        }

        NDArray forward(NDArray x) {
            NDArray out = Activations.relu(conv1.forward(x));
            out = Activations.relu(conv2.forward(out));
            out = conv3.forward(out);
            NDArray identity = downsample == null ? x : downsample.forward(x);
            return Activations.relu(out.add(identity));
        }
    }
}
