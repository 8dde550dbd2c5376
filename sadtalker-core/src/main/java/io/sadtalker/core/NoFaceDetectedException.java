package io.sadtalker.core;

/** No face was found where one is required (names the image or frame). */
public class NoFaceDetectedException extends SadTalkerException {
    public NoFaceDetectedException(String message) {
        super(message);
    }

    public NoFaceDetectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
