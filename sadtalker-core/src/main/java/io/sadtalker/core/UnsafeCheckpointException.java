package io.sadtalker.core;

/** A pickled checkpoint refers to a Python global outside the allow-list; nothing from it was executed. */
public class UnsafeCheckpointException extends CheckpointException {
    public UnsafeCheckpointException(String message) {
        super(message);
    }
}
