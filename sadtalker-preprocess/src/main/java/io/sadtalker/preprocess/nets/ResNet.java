package io.sadtalker.preprocess.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import io.sadtalker.core.nn.BatchNorm;
import io.sadtalker.core.nn.Activations;
import io.sadtalker.core.nn.Conv2d;
import io.sadtalker.core.nn.ConvConfig;
import io.sadtalker.core.nn.Pooling;
import io.sadtalker.core.nn.Scoped;
import io.sadtalker.core.weights.Weights;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * torchvision's {@code resnet50} without its classifier: {@code conv1} 7x7/2 + {@code bn1} + relu, max pool 3/2/1,
 * {@code layer1}..{@code layer4} of 3, 4, 6 and 3 {@code Bottleneck}s (planes 64, 128, 256, 512, expansion 4; the
 * first block of layers 2-4 has stride 2). Keys {@code conv1}, {@code bn1}, {@code layer<i>.<j>.*}; every batch norm
 * is folded into the conv before it ({@link Conv2d#absorb}). facexlib's RetinaFace takes layers 2-4
 * ({@link #forwardLayers}), SadTalker's {@code ReconNetWrapper} the pooled feature ({@link #forward}).
 * Immutable; safe for concurrent use.
 */
public final class ResNet {
    /** Channels of {@code layer4}'s output and of the pooled feature. */
    public static final int FEATURES = 512 * Bottleneck.EXPANSION;
    private static final int[] BLOCKS = {3, 4, 6, 3};
    private static final int[] PLANES = {64, 128, 256, 512};

    private final Conv2d conv1;
    private final List<List<Bottleneck>> layers;

    private ResNet(Conv2d conv1, List<List<Bottleneck>> layers) {
        this.conv1 = conv1;
        this.layers = layers;
    }

    /** Binds a torchvision {@code resnet50} state dict (without {@code fc}). */
    public static ResNet resnet50(Weights w) {
        Conv2d conv1 = Conv2d.load(w.prefix("conv1"), 3, 64, 7, ConvConfig.DEFAULT.stride(2).padding(3).noBias())
                .absorb(BatchNorm.load(w.prefix("bn1"), 64, 1e-5));
        List<List<Bottleneck>> layers = new ArrayList<>();
        int inplanes = 64;
        for (int l = 0; l < BLOCKS.length; l++) {
            Weights lw = w.prefix("layer" + (l + 1));
            List<Bottleneck> blocks = new ArrayList<>();
            for (int b = 0; b < BLOCKS[l]; b++) {
                int stride = b == 0 && l > 0 ? 2 : 1;
                blocks.add(Bottleneck.load(lw.prefix(b), inplanes, PLANES[l], stride));
                inplanes = PLANES[l] * Bottleneck.EXPANSION;
            }
            layers.add(List.copyOf(blocks));
        }
        return new ResNet(conv1, List.copyOf(layers));
    }

    /**
     * torchvision's {@code IntermediateLayerGetter}: the outputs of the layers numbered {@code returnLayers}
     * (1 to 4, ascending). Each layer frees its blocks' temporaries on return, so the working memory is that of one
     * layer, not of the whole network (it grows with the picture's pixel count).
     */
    public NDList forwardLayers(NDArray x, int... returnLayers) {
        NDArray y = Scoped.run(() -> Pooling.maxPool2d(Activations.relu(conv1.forward(x)), 3, 2, 1));
        NDList out = new NDList();
        int next = 0;
        for (int l = 0; l < layers.size() && next < returnLayers.length; l++) {
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
            if (returnLayers[next] == l + 1) {
                out.add(y);
                next++;
            }
        }
        if (next < returnLayers.length) {
            throw new IllegalArgumentException("return layers must be ascending within 1-4, got "
                    + Arrays.toString(returnLayers));
        }
        return out;
    }

    /** {@code (B, 3, H, W) -> (B, 2048)}: {@code layer4}'s output averaged over its spatial positions. */
    public NDArray forward(NDArray x) {
        NDArray y = forwardLayers(x, 4).singletonOrThrow();
        Shape s = y.getShape();
        return y.reshape(s.get(0), s.get(1), -1).mean(new int[] {2});
    }

    /**
     * torchvision's ResNet V1.5 {@code Bottleneck}: 1x1, 3x3 (carrying the stride), 1x1 to {@code planes * 4}, each
     * with its batch norm folded in; {@code downsample} (1x1 conv + batch norm) on the identity path when the stride
     * or the width changes, else null.
     */
    private record Bottleneck(Conv2d conv1, Conv2d conv2, Conv2d conv3, Conv2d downsample) {
        static final int EXPANSION = 4;

        static Bottleneck load(Weights w, int inplanes, int planes, int stride) {
            ConvConfig noBias = ConvConfig.DEFAULT.noBias();
            int out = planes * EXPANSION;
            Conv2d downsample = null;
            if (stride != 1 || inplanes != out) {
                Weights d = w.prefix("downsample");
                downsample = Conv2d.load(d.prefix(0), inplanes, out, 1, noBias.stride(stride))
                        .absorb(BatchNorm.load(d.prefix(1), out, 1e-5));
            }
            return new Bottleneck(Conv2d.load(w.prefix("conv1"), inplanes, planes, 1, noBias)
                    .absorb(BatchNorm.load(w.prefix("bn1"), planes, 1e-5)),
                    Conv2d.load(w.prefix("conv2"), planes, planes, 3, noBias.stride(stride).padding(1))
                            .absorb(BatchNorm.load(w.prefix("bn2"), planes, 1e-5)),
                    Conv2d.load(w.prefix("conv3"), planes, out, 1, noBias)
                            .absorb(BatchNorm.load(w.prefix("bn3"), out, 1e-5)), downsample);
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
