package io.sadtalker.preprocess.detect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.sadtalker.core.nn.Interpolate;
import io.sadtalker.core.weights.Weights;

/** facexlib {@code retinaface_net.FPN}: 1x1 lateral convs, nearest top-down merge, 3x3 merge convs. */
final class FPN {
    private final ConvBn output1;
    private final ConvBn output2;
    private final ConvBn output3;
    private final ConvBn merge1;
    private final ConvBn merge2;

    private FPN(ConvBn output1, ConvBn output2, ConvBn output3, ConvBn merge1, ConvBn merge2) {
        this.output1 = output1;
        this.output2 = output2;
        this.output3 = output3;
        this.merge1 = merge1;
        this.merge2 = merge2;
    }

    /** {@code FPN(in_channels_list, out_channels)}; leaky 0.1 when {@code out_channels <= 64}, else 0. */
    static FPN load(Weights w, int[] inChannelsList, int outChannels) {
        float leaky = outChannels <= 64 ? 0.1f : 0f;
        return new FPN(ConvBn.convBn1X1(w.prefix("output1"), inChannelsList[0], outChannels, 1, leaky),
                ConvBn.convBn1X1(w.prefix("output2"), inChannelsList[1], outChannels, 1, leaky),
                ConvBn.convBn1X1(w.prefix("output3"), inChannelsList[2], outChannels, 1, leaky),
                ConvBn.convBn(w.prefix("merge1"), outChannels, outChannels, 1, leaky),
                ConvBn.convBn(w.prefix("merge2"), outChannels, outChannels, 1, leaky));
    }

    NDList forward(NDList input) {
        NDArray o1 = output1.forward(input.get(0));
        NDArray o2 = output2.forward(input.get(1));
        NDArray o3 = output3.forward(input.get(2));
        NDArray up3 = Interpolate.nearest(o3, o2.getShape().get(2), o2.getShape().get(3));
        o2 = merge2.forward(o2.add(up3));
        NDArray up2 = Interpolate.nearest(o2, o1.getShape().get(2), o1.getShape().get(3));
        o1 = merge1.forward(o1.add(up2));
        return new NDList(o1, o2, o3);
    }
}
