package io.sadtalker.enhance;

import java.util.random.RandomGenerator;

/**
 * Restores one aligned face crop (the network part of GFPGANer.enhance: normalise, run, {@code tensor2img}).
 * Implementations state whether concurrent calls are safe (the ones in this module are).
 */
public interface FaceRestorer {
    /** Side of the square aligned crop the restorer takes (512 for GFPGAN v1.x). */
    int faceSize();

    /**
     * {@code croppedBgr}: HWC BGR uint8, {@code faceSize()} square -> restored face in the same layout; a restorer
     * with random draws (GFPGAN's noise) takes them from {@code random}, the others ignore it.
     */
    byte[] restore(byte[] croppedBgr, RandomGenerator random);
}
