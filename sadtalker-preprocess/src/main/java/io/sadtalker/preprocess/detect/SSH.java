package io.sadtalker.preprocess.detect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import io.sadtalker.core.nn.Activations;
import io.sadtalker.core.weights.Weights;

/** facexlib {@code retinaface_net.SSH}: 3x3, 5x5 (two 3x3) and 7x7 (three 3x3) branches, concatenated, ReLU. */
final class SSH {
    private final ConvBn conv3X3;
    private final ConvBn conv5X5_1;
    private final ConvBn conv5X5_2;
    private final ConvBn conv7X7_2;
    private final ConvBn conv7x7_3;

    private SSH(ConvBn conv3X3, ConvBn conv5X5_1, ConvBn conv5X5_2, ConvBn conv7X7_2, ConvBn conv7x7_3) {
        this.conv3X3 = conv3X3;
        this.conv5X5_1 = conv5X5_1;
        this.conv5X5_2 = conv5X5_2;
        this.conv7X7_2 = conv7X7_2;
        this.conv7x7_3 = conv7x7_3;
    }

    /** {@code SSH(in_channel, out_channel)}; leaky 0.1 when {@code out_channel <= 64}, else 0. */
    static SSH load(Weights w, int inChannel, int outChannel) {
        float leaky = outChannel <= 64 ? 0.1f : 0f;
        int quarter = outChannel / 4;
        return new SSH(ConvBn.convBnNoRelu(w.prefix("conv3X3"), inChannel, outChannel / 2, 1),
                ConvBn.convBn(w.prefix("conv5X5_1"), inChannel, quarter, 1, leaky),
                ConvBn.convBnNoRelu(w.prefix("conv5X5_2"), quarter, quarter, 1),
                ConvBn.convBn(w.prefix("conv7X7_2"), quarter, quarter, 1, leaky),
                ConvBn.convBnNoRelu(w.prefix("conv7x7_3"), quarter, quarter, 1));
    }

    NDArray forward(NDArray input) {
        NDArray c3 = conv3X3.forward(input);
        NDArray c5_1 = conv5X5_1.forward(input);
        NDArray c5 = conv5X5_2.forward(c5_1);
        NDArray c7 = conv7x7_3.forward(conv7X7_2.forward(c5_1));
        return Activations.relu(NDArrays.concat(new NDList(c3, c5, c7), 1));
    }
}
