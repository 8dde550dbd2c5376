package io.sadtalker.core.media;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The temporary file a result is written to before it is moved into place: created new (never an existing file or
 * link) beside the result, with the permissions any file this process creates gets (the umask's, e.g. 0644), which
 * the result keeps after the move; {@code Files.createTempFile} would make every video and picture owner-only (0600).
 */
public final class PartFiles {
    private static final int ATTEMPTS = 100;

    private PartFiles() {
    }

    /** A new empty file {@code prefix + <random> + suffix} in {@code dir}. */
    public static Path create(Path dir, String prefix, String suffix) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Path candidate = dir.resolve(prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
                    + suffix);
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
