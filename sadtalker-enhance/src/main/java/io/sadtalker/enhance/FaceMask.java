package io.sadtalker.enhance;

import ai.djl.ndarray.NDManager;

/**
 * The soft paste mask of a restored face; {@link GFPGANer}'s default is facexlib's {@code use_parse} mask
 * (ParseNet's).
 */
public interface FaceMask {
    /** Mask (faceSize x faceSize, row-major float64 in [0, 1]) of a restored HWC BGR face. */
    double[] mask(byte[] restoredBgr, int faceSize, NDManager manager);
}
