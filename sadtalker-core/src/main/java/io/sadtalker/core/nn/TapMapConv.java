package io.sadtalker.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * A 2-D convolution with very few output channels and many input channels (the dense-motion network's occlusion
 * conv: 1792 channels to 1, 7x7), reordered so that the channel sums run as one matrix product: a 1x1 conv maps the
 * input to one map per output channel and kernel tap ({@code z[o, t] = sum_c w[o, c, t] x[c]}), then a fixed 0/1
 * kernel shifts every tap map into place and adds them up. The same products and sums as the direct convolution,
 * and much faster where the direct kernel is poorly vectorised (a single output channel).
 */
public final class TapMapConv implements Convolution {
    private final NDArray tapWeights;
    private final ConvCore shiftAdd;

    private TapMapConv(NDArray tapWeights, ConvCore shiftAdd) {
        this.tapWeights = tapWeights;
        this.shiftAdd = shiftAdd;
    }

    /** The reordered form of {@code conv}: 2-D, square odd kernel, stride 1, padding (k - 1) / 2, one group. */
    public static TapMapConv of(Conv2d conv) {
        Shape s = conv.weight().getShape();
        int k = (int) s.get(2);
        if (k % 2 == 0 || s.get(3) != k || !conv.core().isPlain((k - 1) / 2)) {
            throw new IllegalArgumentException("tap-map form needs a 2-D 'same' conv with a square odd kernel, got "
                    + s);
        }
        long out = s.get(0);
        long in = s.get(1);
        int taps = k * k;
        // (O * taps, C): row o * taps + t holds w[o, :, t]; the transposed view is copied by the flattening reshape
        NDArray tapWeights = conv.weight().reshape(out, in, taps).transpose(0, 2, 1).reshape(-1)
                .reshape(out * taps, in);
        NDManager m = conv.weight().getManager();
        float[] oneHot = new float[(int) (out * out * taps * taps)];
        for (int o = 0; o < out; o++) {
            for (int t = 0; t < taps; t++) {
                oneHot[((o * (int) out + o) * taps + t) * taps + t] = 1f;
            }
        }
        NDArray shift = m.create(oneHot, new Shape(out, out * taps, k, k));
        return new TapMapConv(tapWeights, ConvCore.plain(shift, conv.bias(), (k - 1) / 2));
    }

    @Override
    public NDArray forward(NDArray x) {
        return Scoped.run(() -> {
            long[] s = x.getShape().getShape();
            NDArray maps = tapWeights.matMul(x.reshape(s[0], s[1], s[2] * s[3]));
            return shiftAdd.forward(maps.reshape(s[0], -1, s[2], s[3]));
        });
    }
}
