package io.sadtalker.preprocess.nets;

import ai.djl.ndarray.NDScope;
import io.sadtalker.core.nn.BatchNorm;
import io.sadtalker.core.nn.Conv2d;
import io.sadtalker.core.nn.ConvConfig;
import io.sadtalker.core.weights.Weights;

/**
 * {@code nn.Conv2d} followed by an inference-mode {@code nn.BatchNorm2d(out)} (eps 1e-5), loaded with their full
 * shapes and folded into one convolution ({@link Conv2d#absorb}); the checkpoint tensors are freed on return, only
 * the folded weight and bias are kept.
 */
public final class FoldedConv {
    /** {@code nn.BatchNorm2d}'s default eps. */
    public static final double BN_EPS = 1e-5;

    private FoldedConv() {
    }

    /** {@code bn(conv(x))} as one convolution of {@code in} to {@code out} channels with a square {@code kernel}. */
    public static Conv2d load(Weights conv, Weights bn, int in, int out, int kernel, ConvConfig cfg) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            Conv2d folded = Conv2d.load(conv, in, out, kernel, cfg).absorb(BatchNorm.load(bn, out, BN_EPS));
            NDScope.unregister(folded.weight(), folded.bias());
            return folded;
        }
    }
}
