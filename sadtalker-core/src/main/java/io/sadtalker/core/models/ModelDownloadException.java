package io.sadtalker.core.models;

import io.sadtalker.core.SadTalkerException;

/** A model file could not be fetched or failed its checksum (names the file and the URL). */
public class ModelDownloadException extends SadTalkerException {
    public ModelDownloadException(String message) {
        super(message);
    }

    public ModelDownloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
