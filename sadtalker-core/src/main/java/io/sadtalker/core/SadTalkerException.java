package io.sadtalker.core;

/** Root of every error the SDK throws on purpose: bad input, bad checkpoints, failed media, cancellation. */
public class SadTalkerException extends RuntimeException {
    public SadTalkerException(String message) {
        super(message);
    }

    public SadTalkerException(String message, Throwable cause) {
        super(message, cause);
    }
}
