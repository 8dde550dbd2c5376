package io.sadtalker.preprocess.detect;

import ai.djl.ndarray.NDArray;
import io.sadtalker.core.nn.Interpolate;
import io.sadtalker.core.nn.Pooling;
import io.sadtalker.core.weights.Weights;
import java.util.HashMap;
import java.util.Map;

/**
 * AWing {@code HourGlass(num_modules=1, depth=4, 256, first_one)}: a {@link CoordConvTh} (64x64, boundary aware)
 * followed by the recursive hourglass of {@link ConvBlock}s named {@code b1_<level>}, {@code b2_<level>},
 * {@code b2_plus_1}, {@code b3_<level>}.
 */
final class HourGlass {
    private static final int FEATURES = 256;

    private final int depth;
    private final CoordConvTh coordconv;
    private final Map<String, ConvBlock> blocks;

    private HourGlass(int depth, CoordConvTh coordconv, Map<String, ConvBlock> blocks) {
        this.depth = depth;
        this.coordconv = coordconv;
        this.blocks = blocks;
    }

    /** {@code HourGlass(1, depth, 256, first_one)}. */
    static HourGlass load(Weights w, int depth, boolean firstOne) {
        Map<String, ConvBlock> blocks = new HashMap<>();
        for (int level = depth; level >= 1; level--) {
            for (String name : new String[] {"b1_", "b2_", "b3_"}) {
                blocks.put(name + level, ConvBlock.load(w.prefix(name + level), FEATURES, FEATURES));
            }
        }
        blocks.put("b2_plus_1", ConvBlock.load(w.prefix("b2_plus_1"), FEATURES, FEATURES));
        return new HourGlass(depth, CoordConvTh.load(w.prefix("coordconv"), 64, true, firstOne, FEATURES, FEATURES, 1,
                1, 0), blocks);
    }

    /** Returns the hourglass output and the coordconv's {@code last_channel}. */
    CoordConvTh.Result forward(NDArray x, NDArray heatmap) {
        CoordConvTh.Result c = coordconv.forward(x, heatmap);
        return new CoordConvTh.Result(forward(depth, c.out()), c.lastChannel());
    }

    private NDArray forward(int level, NDArray inp) {
        NDArray up1 = blocks.get("b1_" + level).forward(inp);
        NDArray low1 = blocks.get("b2_" + level).forward(Pooling.avgPool2d(inp, 2, 2, 0));
        NDArray low2 = level > 1 ? forward(level - 1, low1) : blocks.get("b2_plus_1").forward(low1);
        NDArray low3 = blocks.get("b3_" + level).forward(low2);
        NDArray up2 = Interpolate.nearest(low3, low3.getShape().get(2) * 2, low3.getShape().get(3) * 2);
        return up1.add(up2);
    }
}
