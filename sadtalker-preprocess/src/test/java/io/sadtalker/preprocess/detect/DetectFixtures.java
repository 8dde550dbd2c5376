package io.sadtalker.preprocess.detect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.testkit.FixtureCase;
import io.sadtalker.testkit.HostTensor;

/** Small conversions between fixture tensors and the detection API. */
final class DetectFixtures {
    private DetectFixtures() {
    }

    /** An (H,W,3) uint8 RGB input of the case as an image. */
    static RgbImage image(FixtureCase c, String name, NDManager manager) {
        NDArray a = c.input(name, manager);
        long[] s = a.getShape().getShape();
        return RgbImage.wrap((int) s[1], (int) s[0], a.toByteArray());
    }

    /** (N,15) detection rows as a host tensor. */
    static HostTensor rows(float[][] dets) {
        float[] flat = new float[dets.length * 15];
        for (int i = 0; i < dets.length; i++) {
            System.arraycopy(dets[i], 0, flat, i * 15, 15);
        }
        return HostTensor.of(flat, dets.length, 15);
    }
}
