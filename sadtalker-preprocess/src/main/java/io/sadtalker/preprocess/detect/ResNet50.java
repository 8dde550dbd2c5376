package io.sadtalker.preprocess.detect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.sadtalker.core.nn.Activations;
import io.sadtalker.core.nn.BatchNorm;
import io.sadtalker.core.nn.Conv2d;
import io.sadtalker.core.nn.Pooling;
import io.sadtalker.core.weights.Weights;
import java.util.ArrayList;
import java.util.List;

/**
 * torchvision {@code resnet50} as RetinaFace's {@code body}: {@code IntermediateLayerGetter} returning
 * {@code layer2}, {@code layer3} and {@code layer4} (strides 8, 16, 32); the classifier is not part of it.
 */
final class ResNet50 {
    private static final double BN_EPS = 1e-5;
    private static final int[] BLOCKS = {3, 4, 6, 3};

    private final Conv2d conv1;
    private final BatchNorm bn1;
    private final List<List<Bottleneck>> layers;

    private ResNet50(Conv2d conv1, BatchNorm bn1, List<List<Bottleneck>> layers) {
        this.conv1 = conv1;
        this.bn1 = bn1;
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
        return new ResNet50(Conv2d.load(w.prefix("conv1"), 2, 3), BatchNorm.load(w.prefix("bn1"), BN_EPS), layers);
    }

    /** The outputs of layer2, layer3 and layer4. */
    NDList forward(NDArray x) {
        NDArray y = Pooling.maxPool2d(Activations.relu(bn1.forward(conv1.forward(x))), 3, 2, 1);
        NDList out = new NDList();
        for (int l = 0; l < layers.size(); l++) {
            for (Bottleneck block : layers.get(l)) {
                y = block.forward(y);
            }
            if (l > 0) {
                out.add(y);
            }
        }
        return out;
    }

    /** torchvision {@code Bottleneck} (stride on the 3x3 conv, expansion 4). */
    private record Bottleneck(Conv2d conv1, BatchNorm bn1, Conv2d conv2, BatchNorm bn2, Conv2d conv3, BatchNorm bn3,
                              Conv2d downsampleConv, BatchNorm downsampleBn) {
        static Bottleneck load(Weights w, int stride) {
            Conv2d dsConv = null;
            BatchNorm dsBn = null;
            if (w.contains("downsample.0.weight")) {
                dsConv = Conv2d.load(w.prefix("downsample").prefix(0), stride, 0);
                dsBn = BatchNorm.load(w.prefix("downsample").prefix(1), BN_EPS);
            }
            return new Bottleneck(Conv2d.load(w.prefix("conv1"), 1, 0), BatchNorm.load(w.prefix("bn1"), BN_EPS),
                    Conv2d.load(w.prefix("conv2"), stride, 1), BatchNorm.load(w.prefix("bn2"), BN_EPS),
                    Conv2d.load(w.prefix("conv3"), 1, 0), BatchNorm.load(w.prefix("bn3"), BN_EPS), dsConv, dsBn);
        }

        NDArray forward(NDArray x) {
            NDArray out = Activations.relu(bn1.forward(conv1.forward(x)));
            out = Activations.relu(bn2.forward(conv2.forward(out)));
            out = bn3.forward(conv3.forward(out));
            NDArray identity = downsampleConv == null ? x : downsampleBn.forward(downsampleConv.forward(x));
            return Activations.relu(out.add(identity));
        }
    }
}
