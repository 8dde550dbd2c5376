package io.sadtalker.core.stage;

import io.sadtalker.core.InvalidInputException;
import io.sadtalker.core.image.RgbImage;
import java.util.NoSuchElementException;

/**
 * A run of consecutive frames {@code from .. to-1} of a video of {@code total} frames: one part of a video rendered
 * in parts (e.g. on different machines) and joined in order.
 */
public record FrameRange(int from, int to) {
    public FrameRange {
        if (from < 0 || to <= from) {
            throw new InvalidInputException("a frame range needs 0 <= from < to, got " + from + ".." + to);
        }
    }

    /** Every frame of a video of {@code total} frames. */
    public static FrameRange all(int total) {
        return new FrameRange(0, total);
    }

    /** Frames in the range. */
    public int count() {
        return to - from;
    }

    /** Fails with an {@link InvalidInputException} unless the range lies within a video of {@code total} frames. */
    public void checkWithin(int total) {
        if (to > total) {
            throw new InvalidInputException("frame range " + from + ".." + to + " ends past the video's " + total
                    + " frames");
        }
    }

    /** The frames of this range out of {@code source} (a whole video), skipping those before it; closes it. */
    public FrameStream of(FrameStream source) {
        try {
            checkWithin(source.frameCount());
            for (int i = 0; i < from; i++) {
                source.next();
            }
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
        return new FrameStream() {
            private int left = count();

            @Override
            public int frameCount() {
                return count();
            }

            @Override
            public boolean hasNext() {
                return left > 0 && source.hasNext();
            }

            @Override
            public RgbImage next() {
                if (left <= 0) {
                    throw new NoSuchElementException("frame range " + from + ".." + to + " is done");
                }
                left--;
                return source.next();
            }

            @Override
            public void close() {
                source.close();
            }
        };
    }
}
