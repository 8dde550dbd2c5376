package io.sadtalker.preprocess.detect;

import java.util.Arrays;

/**
 * MediaPipe {@code SsdAnchorsCalculator} with {@code fixed_anchor_size} for the BlazeFace short-range ("front")
 * 128x128 model: 4 layers, strides [8, 16, 16, 16], anchor offset 0.5, aspect ratio 1 plus the interpolated
 * scale, so 2 anchors per cell per layer; layers of equal stride share one grid. 16x16x2 + 8x8x6 = 896 anchors.
 */
final class BlazeFaceAnchors {
    /** Strides of the front model. */
    public static final int[] FRONT_STRIDES = {8, 16, 16, 16};

    private BlazeFaceAnchors() {
    }

    /** Anchor centres (x, y) in [0,1] of the front 128x128 model, 896 pairs. */
    public static float[] front128() {
        return centers(128, FRONT_STRIDES);
    }

    /** Anchor centres (x, y) of an input {@code size} x {@code size} with the given layer strides. */
    public static float[] centers(int size, int[] strides) {
        float[] out = new float[0];
        int n = 0;
        int layer = 0;
        while (layer < strides.length) {
            int last = layer;
            while (last < strides.length && strides[last] == strides[layer]) {
                last++;
            }
            int perCell = 2 * (last - layer);
            int cells = (size + strides[layer] - 1) / strides[layer];
            out = Arrays.copyOf(out, out.length + cells * cells * perCell * 2);
            for (int y = 0; y < cells; y++) {
                for (int x = 0; x < cells; x++) {
                    for (int a = 0; a < perCell; a++) {
                        out[n++] = (x + 0.5f) / cells;
                        out[n++] = (y + 0.5f) / cells;
                    }
                }
            }
            layer = last;
        }
        return out;
    }
}
