package io.sadtalker.enhance;

import ai.djl.ndarray.NDManager;

/** The soft paste mask of a restored face (facexlib's {@code use_parse} mask is {@link FaceParseMask}). */
public interface FaceMask {
    /** Mask (faceSize x faceSize, row-major float64 in [0, 1]) of a restored HWC BGR face. */
    double[] mask(byte[] restoredBgr, int faceSize, NDManager manager);
}
