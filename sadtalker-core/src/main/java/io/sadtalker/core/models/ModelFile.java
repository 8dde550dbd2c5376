package io.sadtalker.core.models;

import java.net.URI;

/**
 * One official checkpoint file: its name in the checkpoint directory, where SadTalker's
 * {@code scripts/download_models.sh} fetches it from, and, when known, its SHA-256 (lower-case hex, or null).
 */
public record ModelFile(String name, URI url, String sha256, boolean optional) {
}
