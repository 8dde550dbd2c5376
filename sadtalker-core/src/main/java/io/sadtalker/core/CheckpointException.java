package io.sadtalker.core;

/** A checkpoint file is missing, corrupt, or does not match the network it is bound to (names the key). */
public class CheckpointException extends SadTalkerException {
    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
