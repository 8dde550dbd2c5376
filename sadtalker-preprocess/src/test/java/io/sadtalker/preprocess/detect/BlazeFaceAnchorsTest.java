package io.sadtalker.preprocess.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BlazeFaceAnchorsTest {
    @Test
    void front128Has896AnchorsTwoPerCellOn16x16ThenSixPerCellOn8x8() {
        float[] a = BlazeFaceAnchors.front128();
        assertThat(a).hasSize(896 * 2);
        // first two anchors share cell (0,0) of the 16x16 grid
        assertThat(a).startsWith(0.5f / 16, 0.5f / 16, 0.5f / 16, 0.5f / 16, 1.5f / 16, 0.5f / 16);
        // anchor 512 is the first of the 8x8 grid, six per cell
        assertThat(a[2 * 512]).isEqualTo(0.5f / 8);
        assertThat(a[2 * 517]).isEqualTo(0.5f / 8);
        assertThat(a[2 * 518]).isEqualTo(1.5f / 8);
        // the last anchor: cell (7,7)
        assertThat(a[2 * 895]).isEqualTo(7.5f / 8);
        assertThat(a[2 * 895 + 1]).isEqualTo(7.5f / 8);
    }
}
