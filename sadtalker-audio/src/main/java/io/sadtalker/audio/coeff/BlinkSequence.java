package io.sadtalker.audio.coeff;

import java.util.Random;

/** {@code generate_blink_seq_randomly} of SadTalker's {@code src/generate_batch.py}: the eye-blink ratio per frame. */
public final class BlinkSequence {
    private static final float[] BLINK = {0.5f, 0.9f, 1.0f, 0.9f, 0.5f};

    private BlinkSequence() {
    }

    /**
     * All zeros for {@code frames <= 20} (without touching {@code random}); otherwise blinks of 5 frames
     * ({@code 0.5, 0.9, 1, 0.9, 0.5}) each starting {@code choice(range(min(10, T), min(int(T/2), 70)))} frames after
     * the previous one ended, while it fits before the last frame. Where that range is empty (T = 21) the original
     * raises IndexError; here the sequence stays zero.
     */
    public static float[] randomly(int frames, Random random) {
        float[] ratio = new float[frames];
        if (frames <= 20) {
            return ratio;
        }
        int lo = Math.min(10, frames);
        int hi = Math.min(frames / 2, 70);
        if (hi <= lo) {
            return ratio;
        }
        int frameId = 0;
        while (frameId < frames) {
            int start = lo + random.nextInt(hi - lo);
            if (frameId + start + 5 <= frames - 1) {
                System.arraycopy(BLINK, 0, ratio, frameId + start, 5);
                frameId = frameId + start + 5;
            } else {
                break;
            }
        }
        return ratio;
    }
}
