package io.sadtalker.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Full-size synthetic checkpoints in the official container, written once and cached:
 * {@code <cache>/<seed>/<manifest sha-256 prefix>/<official file name>} under {@link Fixtures#syntheticCache()}.
 * Writing goes to a temporary file beside the target, which is moved into place atomically; a file lock (across
 * JVMs) and a per-path monitor (across threads) make concurrent callers wait for one writer.
 */
public final class SyntheticCheckpoints {
    private static final Map<Path, Object> MONITORS = new ConcurrentHashMap<>();

    private SyntheticCheckpoints() {
    }

    /**
     * The synthetic checkpoint of {@code manifestFile} (e.g. {@code mapping_00229-model.pth.tar.json}) for
     * {@code seed}, written on first use; the file keeps the official name (e.g. {@code mapping_00229-model.pth.tar}).
     */
    public static Path path(String manifestFile, String seed) {
        Manifest manifest = Manifest.load(manifestFile);
        Path target = Fixtures.syntheticCache().resolve(safe(seed)).resolve(manifestDigest(manifest))
                .resolve(manifest.file());
        synchronized (MONITORS.computeIfAbsent(target, p -> new Object())) {
            if (Files.isRegularFile(target)) {
                return target;
            }
            try {
                Files.createDirectories(target.getParent());
                try (FileChannel lockFile = FileChannel.open(target.resolveSibling(manifest.file() + ".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        FileLock lock = lockFile.lock()) {
                    if (!Files.isRegularFile(target)) {
                        Path tmp = Files.createTempFile(target.getParent(), manifest.file(), ".tmp");
                        try {
                            write(manifest, seed, manifest.container(), tmp);
                            readableByAll(tmp);
                            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                        } finally {
                            Files.deleteIfExists(tmp);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write synthetic checkpoint " + target + ": " + e.getMessage(), e);
            }
            return target;
        }
    }

    /**
     * A checkpoint directory as a user has one ({@code <cache>/<seed>/dirs/<name>}): symbolic links, under their
     * official names, to the synthetic files of {@code manifestFiles} for {@code seed}.
     */
    public static Path directory(String name, String seed, String... manifestFiles) {
        Path dir = Fixtures.syntheticCache().resolve(safe(seed)).resolve("dirs").resolve(name);
        try {
            Files.createDirectories(dir);
            for (String manifestFile : manifestFiles) {
                Path file = path(manifestFile, seed);
                Path link = dir.resolve(file.getFileName());
                if (!Files.exists(link)) {
                    try {
                        Files.createSymbolicLink(link, file);
                    } catch (java.nio.file.FileAlreadyExistsException raced) {
                        // another test JVM made the same link
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out checkpoint directory " + dir + ": " + e.getMessage(), e);
        }
        return dir;
    }

    /**
     * Writes {@code manifest}'s synthetic tensors for {@code seed} to {@code out} in {@code container}
     * ({@code safetensors} or {@code torch-zip}), whatever the manifest's own container is.
     */
    public static void write(Manifest manifest, String seed, String container, Path out) throws IOException {
        try (FileChannel channel = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            switch (container) {
                case "safetensors" -> SafetensorsWriter.write(manifest, seed, channel);
                case "torch-zip" -> TorchCheckpointWriter.write(manifest, seed, channel);
                default -> throw new IllegalArgumentException(manifest.name() + ": unknown container '" + container + "'");
            }
        }
    }

    private static void readableByAll(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** The cache folder of {@code manifest}: its digest, and that of the manifest a legacy file takes values from. */
    private static String manifestDigest(Manifest manifest) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Files.readAllBytes(Fixtures.manifests().resolve(manifest.name())));
            if (LegacyCheckpoints.isLegacy(manifest.file())) {
                sha.update(Files.readAllBytes(Fixtures.manifests().resolve(LegacyCheckpoints.SAFETENSORS_MANIFEST)));
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String safe(String seed) {
        if (seed == null || !seed.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("seed '" + seed + "' must be letters, digits, '.', '_' or '-'");
        }
        return seed;
    }
}

