package io.sadtalker.core;

/** An argument or value does not meet the SDK's contract (wrong width, non-finite value, out-of-range option). */
public class InvalidInputException extends SadTalkerException {
    public InvalidInputException(String message) {
        super(message);
    }
}
