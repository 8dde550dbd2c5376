package io.sadtalker.cli;

import io.sadtalker.core.MediaException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The video file one run writes. In a result directory its name is the start time
 * ({@code yyyy_MM_dd_HH.mm.ss.mp4}, {@code _2}, {@code _3} ... appended when taken), reserved by creating it
 * empty, so that runs started in the same second never write the same file. An explicit file ({@code --output})
 * is reserved the same way and so never replaces an existing one, unless overwriting is asked for. The encoder
 * moves the finished video onto the reservation; {@link #close()} removes a reservation that was not kept.
 */
final class OutputFile implements AutoCloseable {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy_MM_dd_HH.mm.ss", Locale.ROOT);
    private static final int MAX_TRIES = 1000;

    private final Path path;
    private final boolean reserved;
    private boolean kept;

    private OutputFile(Path path, boolean reserved) {
        this.path = path;
        this.reserved = reserved;
    }

    /** A new {@code <start time>[_N].mp4} in {@code resultDir}, which is created when missing. */
    static OutputFile inResultDir(Path resultDir, LocalDateTime start) {
        directory(resultDir, "--result_dir");
        String stamp = start.format(STAMP);
        for (int n = 1; n <= MAX_TRIES; n++) {
            Path candidate = resultDir.resolve(n == 1 ? stamp + ".mp4" : stamp + "_" + n + ".mp4");
            try {
                Files.createFile(candidate);
                return new OutputFile(candidate, true);
            } catch (FileAlreadyExistsException taken) {
                // the next suffix
            } catch (IOException e) {
                throw new MediaException("cannot create the video file " + candidate + ": " + e, e);
            }
        }
        throw new MediaException("no free file name for " + stamp + ".mp4 in " + resultDir);
    }

    /** {@code file} itself; an existing file is refused unless {@code overwrite}. */
    static OutputFile explicit(Path file, boolean overwrite) {
        Path parent = file.toAbsolutePath().getParent();
        directory(parent, "the --output file's folder");
        if (Files.isDirectory(file)) {
            throw new MediaException("--output " + file + " is a directory; name the video file to write");
        }
        if (overwrite && Files.exists(file)) {
            if (!Files.isWritable(file)) {
                throw new MediaException("--output " + file + " exists and is not writable");
            }
            return new OutputFile(file, false);
        }
        try {
            Files.createFile(file);
            return new OutputFile(file, true);
        } catch (FileAlreadyExistsException e) {
            throw new MediaException("--output " + file + " already exists; pass --overwrite to replace it");
        } catch (IOException e) {
            throw new MediaException("cannot create the video file " + file + ": " + e, e);
        }
    }

    /** Creates {@code dir} when missing; refuses a path that is a file or a folder that cannot be written. */
    static void directory(Path dir, String what) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new MediaException(what + " " + dir + " exists and is not a directory");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new MediaException("cannot create " + what + " " + dir + ": " + e, e);
        }
        if (!Files.isWritable(dir)) {
            throw new MediaException(what + " " + dir + " is not writable");
        }
    }

    Path path() {
        return path;
    }

    /** The run wrote the video: the file stays. */
    synchronized void keep() {
        kept = true;
    }

    /** Removes the reservation unless {@link #keep()} was called; may be called again, from any thread. */
    @Override
    public synchronized void close() {
        if (reserved && !kept) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // an empty reservation is left behind; the run's own error is the one to report
            }
        }
    }
}
