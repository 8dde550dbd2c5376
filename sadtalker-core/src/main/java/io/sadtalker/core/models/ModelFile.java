package io.sadtalker.core.models;

import java.net.URI;

/**
 * One official checkpoint file: its name in the checkpoint directory, where SadTalker's
 * {@code scripts/download_models.sh} fetches it from, its pinned digest (SHA-256, or MD5 where that is the only
 * one published; lower-case hex; neither for an {@linkplain #pinned() unpinned} file, whose SHA-256 is recorded at
 * its download) and the most bytes a download of it may take.
 */
public record ModelFile(String name, URI url, String sha256, String md5, long maxBytes, boolean optional) {
    public ModelFile {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException(name + ": maxBytes must be positive, got " + maxBytes);
        }
    }

    /** Whether a published digest is known; an unpinned file is checked against the record of its download. */
    public boolean pinned() {
        return sha256 != null || md5 != null;
    }
}
