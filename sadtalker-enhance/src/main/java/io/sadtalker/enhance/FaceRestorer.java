package io.sadtalker.enhance;

/**
 * Restores one aligned face crop (the network part of GFPGANer.enhance: normalise, run, {@code tensor2img}).
 * Implementations state whether concurrent calls are safe (the ones in this module are).
 */
public interface FaceRestorer {
    /** Side of the square aligned crop the restorer takes (512 for GFPGAN v1.x). */
    int faceSize();

    /** {@code croppedBgr}: HWC BGR uint8, {@code faceSize()} square -> restored face in the same layout. */
    byte[] restore(byte[] croppedBgr);
}
