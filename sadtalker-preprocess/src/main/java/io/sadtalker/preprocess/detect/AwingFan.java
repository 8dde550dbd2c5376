package io.sadtalker.preprocess.detect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.sadtalker.core.image.CvResize;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.nn.BatchNorm;
import io.sadtalker.core.nn.Activations;
import io.sadtalker.core.nn.Conv2d;
import io.sadtalker.core.nn.ConvConfig;
import io.sadtalker.core.nn.Pooling;
import io.sadtalker.core.nn.Scoped;
import io.sadtalker.core.weights.Weights;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * SadTalker {@code src/face3d/util/my_awing_arch.py} {@code FAN} (= facexlib {@code alignment/awing_arch.py}):
 * the Adaptive-Wing 98-landmark network with stacked boundary-aware hourglasses ({@code alignment_WFLW_4HG.pth},
 * entry {@code state_dict}), and {@code get_landmarks}. The batch norms that follow a conv ({@code bn1},
 * {@code bn_end<i>}) are folded into it ({@link Conv2d#absorb}). Immutable after loading; safe for concurrent calls.
 */
final class AwingFan {
    /** Network input size: {@code get_landmarks} resizes every crop to 256x256. */
    public static final int INPUT_SIZE = 256;

    private final int numLandmarks;
    private final CoordConvTh conv1;
    private final ConvBlock conv2;
    private final ConvBlock conv3;
    private final ConvBlock conv4;
    private final List<Stack> stacks;

    /** Per-stack heatmaps (1, landmarks+1, 64, 64) and the coordconv {@code boundary_channels} (1,2,64,64). */
    public record Outputs(List<NDArray> outputs, List<NDArray> boundaryChannels) {
    }

    private record Stack(HourGlass m, ConvBlock topM, Conv2d convLast, Conv2d l, Conv2d bl, Conv2d al) {
    }

    private AwingFan(int numLandmarks, CoordConvTh conv1, ConvBlock conv2, ConvBlock conv3, ConvBlock conv4,
                     List<Stack> stacks) {
        this.numLandmarks = numLandmarks;
        this.conv1 = conv1;
        this.conv2 = conv2;
        this.conv3 = conv3;
        this.conv4 = conv4;
        this.stacks = stacks;
    }

    /** {@code FAN(num_modules, num_landmarks)}; SadTalker uses 4 modules and 98 landmarks. */
    static AwingFan load(Weights w, int numModules, int numLandmarks) {
        int heatmaps = numLandmarks + 1;
        List<Stack> stacks = new ArrayList<>();
        for (int i = 0; i < numModules; i++) {
            boolean last = i == numModules - 1;
            stacks.add(new Stack(HourGlass.load(w.prefix("m" + i), 4, i == 0),
                    ConvBlock.load(w.prefix("top_m_" + i), 256, 256),
                    Conv2d.load(w.prefix("conv_last" + i), 256, 256, 1, ConvConfig.DEFAULT)
                            .absorb(BatchNorm.load(w.prefix("bn_end" + i), 256, 1e-5)),
                    Conv2d.load(w.prefix("l" + i), 256, heatmaps, 1, ConvConfig.DEFAULT),
                    last ? null : Conv2d.load(w.prefix("bl" + i), 256, 256, 1, ConvConfig.DEFAULT),
                    last ? null : Conv2d.load(w.prefix("al" + i), heatmaps, 256, 1, ConvConfig.DEFAULT)));
        }
        return new AwingFan(numLandmarks,
                CoordConvTh.loadFolded(w.prefix("conv1"), w.prefix("bn1"), INPUT_SIZE, 3, 64, 7, 2, 3),
                ConvBlock.load(w.prefix("conv2"), 64, 128), ConvBlock.load(w.prefix("conv3"), 128, 128),
                ConvBlock.load(w.prefix("conv4"), 128, 256), stacks);
    }

    /** SadTalker's configuration, bound strictly: 4 hourglass modules, 98 landmarks. */
    public static AwingFan loadWflw4hg(Weights stateDict) {
        return stateDict.bind(w -> load(w, 4, 98));
    }

    public int numLandmarks() {
        return numLandmarks;
    }

    /** {@code FAN.forward} on a (1,3,256,256) BGR float image in [0,1]. */
    public Outputs forward(NDArray x) {
        NDArray y = Activations.relu(conv1.forward(x, null).out());
        y = Pooling.avgPool2d(conv2.forward(y), 2, 2, 0);
        y = conv4.forward(conv3.forward(y));
        NDArray previous = y;
        NDArray tmpOut = null;
        List<NDArray> outputs = new ArrayList<>();
        List<NDArray> boundaries = new ArrayList<>();
        for (Stack s : stacks) {
            CoordConvTh.Result hg = s.m().forward(previous, tmpOut);
            NDArray ll = s.topM().forward(hg.out());
            ll = Activations.relu(s.convLast().forward(ll));
            tmpOut = s.l().forward(ll);
            outputs.add(tmpOut);
            boundaries.add(hg.lastChannel());
            if (s.bl() != null) {
                previous = previous.add(s.bl().forward(ll)).add(s.al().forward(tmpOut));
            }
        }
        return new Outputs(outputs, boundaries);
    }

    /**
     * {@code get_landmarks}: the (H,W) RGB face crop resized to 256x256 (cv2 INTER_LINEAR), flipped to BGR, /255;
     * the last stack's landmark heatmaps decoded by {@link AwingHeatmaps#calculatePoints} and scaled by (W/64,
     * H/64). Returns {@code numLandmarks} (x, y) pairs in crop pixels, float64 as the original.
     */
    public double[] getLandmarks(RgbImage crop, NDManager manager) {
        return Scoped.call(manager, scope -> {
            NDArray out = forward(netInput(crop, scope)).outputs().get(stacks.size() - 1);
            Shape s = out.getShape();
            int h = (int) s.get(2);
            int w = (int) s.get(3);
            NDArray heat = out.get(":, :" + numLandmarks + ", :, :").reshape(numLandmarks, (long) h * w);
            long[] argmax = heat.argMax(1).toType(DataType.INT64, false).toLongArray();
            double[] pred = AwingHeatmaps.calculatePoints(heat.toFloatArray(), argmax, numLandmarks, h, w);
            double sx = crop.width() / 64.0;
            double sy = crop.height() / 64.0;
            for (int i = 0; i < numLandmarks; i++) {
                pred[2 * i] *= sx;
                pred[2 * i + 1] *= sy;
            }
            return pred;
        });
    }

    /** The (1,3,256,256) network input of {@code get_landmarks}: resized, BGR, float /255. */
    public static NDArray netInput(RgbImage crop, NDManager manager) {
        RgbImage resized = CvResize.linear(crop, INPUT_SIZE, INPUT_SIZE);
        NDArray hwc = manager.create(ByteBuffer.wrap(resized.bgr()), new Shape(INPUT_SIZE, INPUT_SIZE, 3),
                DataType.UINT8).toType(DataType.FLOAT32, false);
        return hwc.transpose(2, 0, 1).div(255f).expandDims(0);
    }
}
