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

/**
 * Fetches official model files into a checkpoint directory: resumes an interrupted transfer from its
 * {@code .part} file (HTTP range request), checks the SHA-256 (the catalogue's, or the one recorded by an earlier
 * download in {@code <name>.sha256}), and moves the file into place only when complete and correct.
 */
public final class ModelDownloader {
    private static final int BUFFER = 1 << 16;

    private final HttpClient client;

    public ModelDownloader() {
        this(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build());
    }

    public ModelDownloader(HttpClient client) {
        this.client = client;
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
                checkDigest(file, target, sha256(target));
                return target;
            }
            fetch(file, part, listener);
            String digest = sha256(part);
            try {
                checkDigest(file, part, digest);
            } catch (ModelDownloadException e) {
                Files.deleteIfExists(part);
                throw e;
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(digestFile(target), digest + "  " + file.name() + "\n", StandardCharsets.US_ASCII);
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
                checkDigest(f, p, sha256(p));
            } catch (ModelDownloadException | IOException e) {
                problems.add(e.getMessage());
            }
        }
        return problems;
    }

    private void fetch(ModelFile file, Path part, ProgressListener listener) throws IOException, InterruptedException {
        long have = Files.exists(part) ? Files.size(part) : 0;
        HttpRequest.Builder request = HttpRequest.newBuilder(file.url()).timeout(Duration.ofMinutes(10)).GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        int status = response.statusCode();
        boolean append = status == 206 && have > 0;
        if (status == 416 && have > 0) {
            response.body().close();
            return; // the .part already holds the whole file
        }
        if (status != 200 && status != 206) {
            response.body().close();
            throw new ModelDownloadException("HTTP " + status + " for " + file.url() + " (" + file.name() + ")");
        }
        long done = append ? have : 0;
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        long total = length < 0 ? -1 : length + done;
        String stage = "download " + file.name();
        try (InputStream in = response.body();
             OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                done += n;
                listener.progress(stage, done, total);
            }
        }
        if (total >= 0 && done != total) {
            throw new ModelDownloadException("transfer of " + file.name() + " ended after " + done + " of " + total
                    + " bytes; run the download again to resume");
        }
    }

    private static void checkDigest(ModelFile file, Path path, String actual) throws IOException {
        String expected = file.sha256();
        String source = "the catalogue's";
        Path recorded = digestFile(path.resolveSibling(file.name()));
        if (expected == null && Files.exists(recorded)) {
            expected = Files.readString(recorded, StandardCharsets.US_ASCII).trim().split("\\s+")[0];
            source = "the one recorded in " + recorded;
        }
        if (expected != null && !expected.equalsIgnoreCase(actual)) {
            throw new ModelDownloadException("SHA-256 mismatch for " + path + ": expected " + expected + " ("
                    + source + "), got " + actual + "; the file is damaged or not the official one: delete it and"
                    + " download it again");
        }
    }

    private static Path digestFile(Path target) {
        return target.resolveSibling(target.getFileName() + ".sha256");
    }

    /** SHA-256 of a file as lower-case hex. */
    public static String sha256(Path path) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
