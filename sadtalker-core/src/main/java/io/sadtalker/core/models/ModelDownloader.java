package io.sadtalker.core.models;

import io.sadtalker.core.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches official model files into a checkpoint directory: resumes an interrupted transfer from its
 * {@code .part} file (HTTP range request, the reply's {@code Content-Range} checked), stops a transfer that sends
 * nothing for the idle timeout or grows past the file's {@link ModelFile#maxBytes()}, checks the catalogue's
 * digest, moves the file into place only when complete and correct, and records its SHA-256 beside it
 * ({@code <name>.sha256}).
 */
public final class ModelDownloader {
    /** How long a response may send nothing (headers or body) before the transfer is stopped. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

    private static final int BUFFER = 1 << 16;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "model-download-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final HttpClient client;
    private final Duration idleTimeout;

    /** The body grew past the file's cap: what was written is not the file and is deleted. */
    private static final class TooLarge extends ModelDownloadException {
        TooLarge(String message) {
            super(message);
        }
    }

    public ModelDownloader() {
        this(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build(), DEFAULT_IDLE_TIMEOUT);
    }

    /** @param idleTimeout how long a response may send nothing before the transfer is stopped */
    public ModelDownloader(HttpClient client, Duration idleTimeout) {
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idle timeout must be positive, got " + idleTimeout);
        }
        this.client = client;
        this.idleTimeout = idleTimeout;
    }

    /** Downloads every file of {@code files} missing from {@code dir}; returns the paths. */
    public List<Path> downloadAll(List<ModelFile> files, Path dir, ProgressListener listener) {
        List<Path> paths = new ArrayList<>();
        for (ModelFile f : files) {
            paths.add(download(f, dir, listener));
        }
        return paths;
    }

    /** Downloads {@code file} into {@code dir} unless a verified copy is there; reports progress as {@code download <name>}. */
    public Path download(ModelFile file, Path dir, ProgressListener listener) {
        Path target = dir.resolve(file.name());
        Path part = dir.resolve(file.name() + ".part");
        try {
            Files.createDirectories(dir);
            if (Files.exists(target)) {
                checkDigest(file, target, false);
                return target;
            }
            fetch(file, part, listener);
            String sha256;
            try {
                sha256 = checkDigest(file, part, true);
            } catch (ModelDownloadException e) {
                Files.deleteIfExists(part);
                throw e;
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(record(file, target), sha256 + "  " + file.name() + "\n", StandardCharsets.US_ASCII);
            if (!file.pinned()) {
                listener.notice(file.name() + " has no published digest: recorded the SHA-256 of this download ("
                        + sha256 + ") in " + record(file, target).getFileName() + "; later checks compare with it");
            }
            return target;
        } catch (IOException e) {
            throw new ModelDownloadException("cannot download " + file.name() + " from " + file.url() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelDownloadException("download of " + file.name() + " interrupted", e);
        }
    }

    /** What is missing or corrupt in {@code dir} among {@code files} (optional files only when present). */
    public List<String> verify(List<ModelFile> files, Path dir) {
        List<String> problems = new ArrayList<>();
        for (ModelFile f : files) {
            Path p = CheckpointFiles.find(dir, f.name()).orElse(dir.resolve(f.name()));
            if (!Files.isRegularFile(p)) {
                if (!f.optional()) {
                    problems.add("missing " + p);
                }
                continue;
            }
            try {
                checkDigest(f, p, false);
            } catch (ModelDownloadException | IOException e) {
                problems.add(e.getMessage());
            }
        }
        return problems;
    }

    private void fetch(ModelFile file, Path part, ProgressListener listener) throws IOException, InterruptedException {
        long have = Files.exists(part) ? Files.size(part) : 0;
        HttpRequest.Builder request = HttpRequest.newBuilder(file.url()).timeout(idleTimeout).GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            int status = response.statusCode();
            if (status == 416 && have > 0) {
                return; // the .part already holds the whole file
            }
            if (status != 200 && status != 206) {
                throw new ModelDownloadException("HTTP " + status + " for " + file.url() + " (" + file.name() + ")");
            }
            boolean append = status == 206;
            long done = append ? have : 0;
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            long total = append ? checkContentRange(file, response, have, length) : length;
            if (total > file.maxBytes()) {
                throw new ModelDownloadException(file.url() + " announces " + total + " bytes, more than the "
                        + file.maxBytes() + " accepted for " + file.name());
            }
            try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
                done = copy(file, in, out, done, total, listener);
            } catch (TooLarge e) {
                Files.deleteIfExists(part);
                throw e;
            }
            if (total >= 0 && done != total) {
                throw new ModelDownloadException("transfer of " + file.name() + " ended after " + done + " of "
                        + total + " bytes; run the download again to resume");
            }
        }
    }

    /**
     * Copies the body, stopping when nothing arrives for the idle timeout (the watchdog closes the stream, which
     * ends a blocked read) or when the file grows past its cap (the {@code .part} is then deleted by the caller).
     */
    private long copy(ModelFile file, InputStream in, OutputStream out, long done, long total,
                      ProgressListener listener) throws IOException {
        String stage = "download " + file.name();
        long idle = idleTimeout.toNanos();
        AtomicLong lastRead = new AtomicLong(System.nanoTime());
        AtomicBoolean stalled = new AtomicBoolean();
        long period = Math.max(idle / 4, TimeUnit.MILLISECONDS.toNanos(10));
        ScheduledFuture<?> watch = WATCHDOG.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastRead.get() > idle && stalled.compareAndSet(false, true)) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // the reader fails either way
                }
            }
        }, period, period, TimeUnit.NANOSECONDS);
        try {
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                lastRead.set(System.nanoTime());
                if (done + n > file.maxBytes()) {
                    throw new TooLarge("download of " + file.name() + " from " + file.url() + " exceeds "
                            + file.maxBytes() + " bytes, more than the file can be; the partial file was deleted");
                }
                out.write(buffer, 0, n);
                done += n;
                listener.progress(stage, done, total);
            }
            return done;
        } catch (IOException e) {
            if (stalled.get()) {
                throw new ModelDownloadException(file.url() + " sent nothing for " + idleTimeout.toMillis()
                        + " ms; transfer of " + file.name() + " stopped after " + done
                        + " bytes; run the download again to resume", e);
            }
            throw e;
        } finally {
            watch.cancel(false);
        }
    }

    /**
     * A 206 reply must cover exactly the bytes from {@code have} on: {@code Content-Range: bytes have-last/total}
     * with {@code last = total - 1} (when the total is given) and a matching {@code Content-Length}. Returns the
     * file's total length, or -1 when unknown.
     */
    private static long checkContentRange(ModelFile file, HttpResponse<?> response, long have, long length) {
        String range = response.headers().firstValue("Content-Range").orElse(null);
        Matcher m = range == null ? null : CONTENT_RANGE.matcher(range.trim());
        if (m == null || !m.matches()) {
            throw new ModelDownloadException("HTTP 206 for " + file.url() + " without a valid Content-Range ("
                    + range + "); the partial " + file.name() + " is kept");
        }
        try {
            long first = Long.parseLong(m.group(1));
            long last = Long.parseLong(m.group(2));
            long total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
            boolean consistent = first == have && last >= first && (total < 0 || last == total - 1)
                    && (length < 0 || length == last - first + 1);
            if (!consistent) {
                throw new ModelDownloadException("HTTP 206 for " + file.url() + " sends '" + range
                        + "' (Content-Length " + length + "), not the rest of the file from byte " + have
                        + "; the partial " + file.name() + " is kept");
            }
            return total >= 0 ? total : last + 1;
        } catch (NumberFormatException e) {
            throw new ModelDownloadException("HTTP 206 for " + file.url() + ": Content-Range '" + range
                    + "' out of range", e);
        }
    }

    /** Where the SHA-256 seen at the download of {@code file}, lying at {@code path}, is recorded. */
    private static Path record(ModelFile file, Path path) {
        return path.resolveSibling(file.name() + ".sha256");
    }

    /**
     * Checks {@code path} against the catalogue's SHA-256, or its MD5 where that is the only digest known; an
     * unpinned file against the SHA-256 recorded at its download, or, when {@code fresh} (just downloaded), not at
     * all. Returns the file's SHA-256.
     */
    private static String checkDigest(ModelFile file, Path path, boolean fresh) throws IOException {
        MessageDigest sha256 = digest("SHA-256");
        MessageDigest md5 = digest("MD5");
        update(path, sha256, md5);
        String actualSha256 = HexFormat.of().formatHex(sha256.digest());
        String actualMd5 = HexFormat.of().formatHex(md5.digest());
        if (!file.pinned()) {
            return fresh ? actualSha256 : checkRecorded(file, path, actualSha256);
        }
        String kind = file.sha256() != null ? "SHA-256" : "MD5";
        String expected = file.sha256() != null ? file.sha256() : file.md5();
        String actual = file.sha256() != null ? actualSha256 : actualMd5;
        if (!expected.equalsIgnoreCase(actual)) {
            throw new ModelDownloadException(kind + " mismatch for " + path + ": expected " + expected
                    + " (the catalogue's), got " + actual + "; the file is damaged or not the official one: delete"
                    + " it and download it again");
        }
        return actualSha256;
    }

    private static String checkRecorded(ModelFile file, Path path, String actualSha256) throws IOException {
        Path record = record(file, path);
        if (!Files.isRegularFile(record)) {
            throw new ModelDownloadException(path + " cannot be checked: " + file.name() + " has no published digest"
                    + " and " + record.getFileName() + " (the record of its download) is missing; delete the file and"
                    + " download it again to record one");
        }
        String recorded = Files.readString(record, StandardCharsets.US_ASCII).strip().split("\\s+")[0];
        if (!recorded.equalsIgnoreCase(actualSha256)) {
            throw new ModelDownloadException("SHA-256 mismatch for " + path + ": expected " + recorded + " (the one"
                    + " recorded at its download), got " + actualSha256 + "; the file changed since: delete it and"
                    + " download it again");
        }
        return actualSha256;
    }

    /** SHA-256 of a file as lower-case hex. */
    public static String sha256(Path path) throws IOException {
        MessageDigest digest = digest("SHA-256");
        update(path, digest);
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Feeds the bytes of {@code path} to every digest in one pass. */
    private static void update(Path path, MessageDigest... digests) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                for (MessageDigest d : digests) {
                    d.update(buffer, 0, n);
                }
            }
        }
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every Java platform", e);
        }
    }
}
