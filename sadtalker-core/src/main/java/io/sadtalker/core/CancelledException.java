package io.sadtalker.core;

/** A generation was cancelled by its caller; no partial output is left behind. */
public class CancelledException extends SadTalkerException {
    public CancelledException(String message) {
        super(message);
    }
}
