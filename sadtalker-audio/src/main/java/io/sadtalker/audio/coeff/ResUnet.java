package io.sadtalker.audio.coeff;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import io.sadtalker.core.nn.Activations;
import io.sadtalker.core.nn.BatchNorm;
import io.sadtalker.core.nn.Conv2d;
import io.sadtalker.core.nn.ConvConfig;
import io.sadtalker.core.nn.ConvTranspose2d;
import io.sadtalker.core.weights.Weights;

/**
 * {@code src/audio2pose_models/res_unet.py ResUnet} (channel 1, filters 32/64/128/256) with its
 * {@code networks.py ResidualConv} and {@code Upsample} blocks; downsampling and upsampling act on the height
 * (time) axis only.
 */
final class ResUnet {
    private final Conv2d inputConv0;
    private final BatchNorm inputNorm1;
    private final Conv2d inputConv3;
    private final Conv2d inputSkip;
    private final ResidualConv residualConv1;
    private final ResidualConv residualConv2;
    private final ResidualConv bridge;
    private final ConvTranspose2d upsample1;
    private final ResidualConv upResidualConv1;
    private final ConvTranspose2d upsample2;
    private final ResidualConv upResidualConv2;
    private final ConvTranspose2d upsample3;
    private final ResidualConv upResidualConv3;
    private final Conv2d outputConv;

    private ResUnet(Conv2d inputConv0, BatchNorm inputNorm1, Conv2d inputConv3, Conv2d inputSkip,
                    ResidualConv residualConv1, ResidualConv residualConv2, ResidualConv bridge,
                    ConvTranspose2d upsample1, ResidualConv upResidualConv1, ConvTranspose2d upsample2,
                    ResidualConv upResidualConv2, ConvTranspose2d upsample3, ResidualConv upResidualConv3,
                    Conv2d outputConv) {
        this.inputConv0 = inputConv0;
        this.inputNorm1 = inputNorm1;
        this.inputConv3 = inputConv3;
        this.inputSkip = inputSkip;
        this.residualConv1 = residualConv1;
        this.residualConv2 = residualConv2;
        this.bridge = bridge;
        this.upsample1 = upsample1;
        this.upResidualConv1 = upResidualConv1;
        this.upsample2 = upsample2;
        this.upResidualConv2 = upResidualConv2;
        this.upsample3 = upsample3;
        this.upResidualConv3 = upResidualConv3;
        this.outputConv = outputConv;
    }

    static ResUnet load(Weights w) {
        Weights in = w.prefix("input_layer");
        return new ResUnet(
                conv(in.prefix(0), 1, 32, 1, 1),
                norm(in.prefix(1), 32),
                conv(in.prefix(3), 32, 32, 1, 1),
                conv(w.prefix("input_skip").prefix(0), 1, 32, 1, 1),
                ResidualConv.load(w.prefix("residual_conv_1"), 32, 64, 2),
                ResidualConv.load(w.prefix("residual_conv_2"), 64, 128, 2),
                ResidualConv.load(w.prefix("bridge"), 128, 256, 2),
                upsample(w.prefix("upsample_1").prefix("upsample"), 256, 256, 2),
                ResidualConv.load(w.prefix("up_residual_conv1"), 256 + 128, 128, 1),
                upsample(w.prefix("upsample_2").prefix("upsample"), 128, 128, 2),
                ResidualConv.load(w.prefix("up_residual_conv2"), 128 + 64, 64, 1),
                upsample(w.prefix("upsample_3").prefix("upsample"), 64, 64, 2),
                ResidualConv.load(w.prefix("up_residual_conv3"), 64 + 32, 32, 1),
                Conv2d.load(w.prefix("output_layer").prefix(0), 32, 1, 1, ConvConfig.DEFAULT));
    }

    /** {@code nn.Conv2d(in, out, 3, stride=(strideH, 1), padding=padding)}. */
    private static Conv2d conv(Weights w, int in, int out, int strideH, int padding) {
        return Conv2d.load(w, in, out, 3, ConvConfig.DEFAULT.stride(strideH, 1).padding(padding));
    }

    /** {@code nn.BatchNorm2d(c)} in eval mode. */
    private static BatchNorm norm(Weights w, int c) {
        return BatchNorm.load(w, c, 1e-5);
    }

    /** {@code networks.py Upsample}: {@code nn.ConvTranspose2d(in, out, kernel_size=(kh, 1), stride=(kh, 1))}. */
    private static ConvTranspose2d upsample(Weights w, int in, int out, int kh) {
        return ConvTranspose2d.load(w, in, out, new long[] {kh, 1}, ConvConfig.DEFAULT.stride(kh, 1), 0);
    }

    /** {@code (B, 1, H, W)} to {@code (B, 1, H, W)}; H must be a multiple of 8. */
    NDArray forward(NDArray x) {
        NDArray x1 = inputConv3.forward(inputNorm1.forward(inputConv0.forward(x)).maximum(0f)).add(inputSkip.forward(x));
        NDArray x2 = residualConv1.forward(x1);
        NDArray x3 = residualConv2.forward(x2);
        NDArray x4 = upsample1.forward(bridge.forward(x3));
        NDArray x6 = upsample2.forward(upResidualConv1.forward(NDArrays.concat(new NDList(x4, x3), 1)));
        NDArray x8 = upsample3.forward(upResidualConv2.forward(NDArrays.concat(new NDList(x6, x2), 1)));
        NDArray x10 = upResidualConv3.forward(NDArrays.concat(new NDList(x8, x1), 1));
        return Activations.sigmoid(outputConv.forward(x10));
    }

    /**
     * {@code networks.py ResidualConv}: (BN, ReLU, conv stride (s, 1), BN, ReLU, conv) + (conv stride (s, 1), BN).
     */
    private record ResidualConv(BatchNorm bn0, Conv2d conv2, BatchNorm bn3, Conv2d conv5,
                                Conv2d skipConv, BatchNorm skipNorm) {
        static ResidualConv load(Weights w, int in, int out, int strideH) {
            Weights block = w.prefix("conv_block");
            Weights skip = w.prefix("conv_skip");
            return new ResidualConv(
                    norm(block.prefix(0), in),
                    conv(block.prefix(2), in, out, strideH, 1),
                    norm(block.prefix(3), out),
                    conv(block.prefix(5), out, out, 1, 1),
                    conv(skip.prefix(0), in, out, strideH, 1),
                    norm(skip.prefix(1), out));
        }

        NDArray forward(NDArray x) {
            NDArray y = conv2.forward(bn0.forward(x).maximum(0f));
            y = conv5.forward(bn3.forward(y).maximum(0f));
            return y.add(skipNorm.forward(skipConv.forward(x)));
        }
    }
}
