package io.sadtalker.preprocess.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RetinaFacePostprocessTest {
    @Test
    void decodesBoxAndLandmarksWithVariancesAndImageScale() {
        float[] priors = {0.5f, 0.25f, 0.2f, 0.4f};
        float[] loc = {1f, -1f, 0f, (float) (Math.log(2) / 0.2)};
        float[] landms = {1f, 0f, 0f, 1f, -1f, 0f, 0f, -1f, 0f, 0f};
        float[] row = RetinaFacePostprocess.decodeRow(loc, landms, priors, 0, 0.9f, 200, 100);
        // centre (0.5 + 0.1*0.2, 0.25 - 0.1*0.4) = (0.52, 0.21); size (0.2, 0.8)
        assertThat(row[0]).isCloseTo((0.52f - 0.1f) * 200, within(1e-4f));
        assertThat(row[1]).isCloseTo((0.21f - 0.4f) * 100, within(1e-4f));
        assertThat(row[2]).isCloseTo((0.52f + 0.1f) * 200, within(1e-4f));
        assertThat(row[3]).isCloseTo((0.21f + 0.4f) * 100, within(1e-4f));
        assertThat(row[4]).isEqualTo(0.9f);
        assertThat(row[5]).isCloseTo(0.52f * 200, within(1e-4f));
        assertThat(row[6]).isCloseTo(0.25f * 100, within(1e-4f));
        assertThat(row[8]).isCloseTo(0.29f * 100, within(1e-4f));
        assertThat(row[9]).isCloseTo(0.48f * 200, within(1e-4f));
    }

    @Test
    void thresholdsSortsAndSuppressesOverlapsAboveTheIou() {
        // three priors of the same place; a fourth elsewhere. Scores 0.8, 0.95, 0.5 (dropped), 0.9
        float[] priors = {0.5f, 0.5f, 0.2f, 0.2f, 0.5f, 0.5f, 0.2f, 0.2f, 0.5f, 0.5f, 0.2f, 0.2f,
            0.1f, 0.1f, 0.1f, 0.1f};
        float[] loc = new float[16];
        loc[4] = 0.5f; // second box shifted by 0.01 (IoU ~0.9 with the first)
        float[] conf = {0.2f, 0.8f, 0.05f, 0.95f, 0.5f, 0.5f, 0.1f, 0.9f};
        float[][] dets = RetinaFacePostprocess.detections(loc, conf, new float[40], priors, 100, 100, 0.75, 0.4);
        assertThat(dets).hasNumberOfRows(2);
        assertThat(dets[0][4]).isEqualTo(0.95f);
        assertThat(dets[1][4]).isEqualTo(0.9f);
    }

    @Test
    void nmsKeepsBoxesWhoseIouIsAtMostTheThreshold() {
        // IoU of [0,0,10,10] and [5,0,15,10] is 50/150 = 1/3
        float[][] rows = {{0, 0, 10, 10, 0.9f}, {5, 0, 15, 10, 0.8f}};
        assertThat(RetinaFacePostprocess.nms(rows, 0.4)).containsExactly(0, 1);
        assertThat(RetinaFacePostprocess.nms(rows, 0.3)).containsExactly(0);
    }
}
