package io.sadtalker.core.models;

import java.net.URI;

/**
 * One official checkpoint file: its name in the checkpoint directory, where SadTalker's
 * {@code scripts/download_models.sh} fetches it from, its pinned digest (SHA-256, or MD5 where that is the only
 * one published; lower-case hex) and the most bytes a download of it may take.
 */
public record ModelFile(String name, URI url, String sha256, String md5, long maxBytes, boolean optional) {
    public ModelFile {
        if (sha256 == null && md5 == null) {
            throw new IllegalArgumentException(name + ": a model file needs a pinned SHA-256 or MD5");
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException(name + ": maxBytes must be positive, got " + maxBytes);
        }
    }
}
