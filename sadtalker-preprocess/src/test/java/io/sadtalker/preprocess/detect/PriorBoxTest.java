package io.sadtalker.preprocess.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PriorBoxTest {
    @Test
    void countsTwoPriorsPerCellOnThreeLevelsWithCeiledMaps() {
        // 161x100: maps ceil(161/8)=21 x 13, 11 x 7, 6 x 4
        assertThat(PriorBox.count(161, 100)).isEqualTo(2 * (21 * 13 + 11 * 7 + 6 * 4));
        assertThat(PriorBox.forward(161, 100)).hasSize(4 * PriorBox.count(161, 100));
    }

    @Test
    void firstPriorsAreCellCentresWithMinSizesOverTheImageSize() {
        float[] p = PriorBox.forward(160, 320);
        // level 0, row 0, column 0: min sizes 16 and 32; cx = 0.5*8/320, cy = 0.5*8/160
        assertThat(p).startsWith(0.0125f, 0.025f, 0.05f, 0.1f, 0.0125f, 0.025f, 0.1f, 0.2f,
                // column 1
                0.0375f, 0.025f, 0.05f, 0.1f);
        // the last prior: level 2 (step 32, min size 512), row 4, column 9
        int n = p.length;
        assertThat(new float[] {p[n - 4], p[n - 3], p[n - 2], p[n - 1]})
                .containsExactly((float) (9.5 * 32 / 320), (float) (4.5 * 32 / 160), 1.6f, 3.2f);
    }
}
