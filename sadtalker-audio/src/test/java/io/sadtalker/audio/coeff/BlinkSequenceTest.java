package io.sadtalker.audio.coeff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BlinkSequenceTest {
    @Test
    void shortClipsNeverBlink() {
        assertThat(BlinkSequence.randomly(20, new Random(1))).containsOnly(0f);
        assertThat(BlinkSequence.randomly(21, new Random(1))).containsOnly(0f);
    }

    @Test
    void blinksAreFiveFramePulsesWithinTheRuleAndReproducible() {
        int t = 400;
        float[] a = BlinkSequence.randomly(t, new Random(42));
        assertThat(BlinkSequence.randomly(t, new Random(42))).containsExactly(a);
        int end = 0;
        int blinks = 0;
        for (int i = 0; i < t; i++) {
            if (a[i] == 0.5f && (i == 0 || a[i - 1] == 0f)) {
                int gap = i - end;
                assertThat(gap).isBetween(10, 69);
                assertThat(new float[] {a[i], a[i + 1], a[i + 2], a[i + 3], a[i + 4]})
                        .containsExactly(0.5f, 0.9f, 1.0f, 0.9f, 0.5f);
                assertThat(i + 4).isLessThan(t - 1);
                end = i + 5;
                blinks++;
            }
        }
        assertThat(blinks).isGreaterThanOrEqualTo(400 / 75);
    }
}
