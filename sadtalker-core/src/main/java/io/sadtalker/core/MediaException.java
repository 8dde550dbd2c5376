package io.sadtalker.core;

/** An image, audio or video file cannot be read or written (names the file and the problem). */
public class MediaException extends SadTalkerException {
    public MediaException(String message) {
        super(message);
    }

    public MediaException(String message, Throwable cause) {
        super(message, cause);
    }
}
