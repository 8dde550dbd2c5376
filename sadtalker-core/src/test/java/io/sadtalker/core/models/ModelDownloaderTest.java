package io.sadtalker.core.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sadtalker.core.ProgressListener;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloads from a local HTTP server on 127.0.0.1: resume, checksum, 404, interrupted and stalled transfers,
 * oversized bodies, wrong partial replies.
 */
class ModelDownloaderTest {
    private static final byte[] PAYLOAD = new byte[300_000];

    static {
        new Random(7).nextBytes(PAYLOAD);
    }

    @TempDir
    Path dir;

    private HttpServer server;
    private final AtomicInteger cutAfter = new AtomicInteger(-1);
    private final List<String> ranges = new ArrayList<>();
    /** How the server misbehaves: NORMAL, STALL (1000 bytes, then silence), ENDLESS (chunked, no end), WRONG_RANGE. */
    private final AtomicReference<String> mode = new AtomicReference<>("NORMAL");
    private final CountDownLatch released = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/files/", this::serve);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        released.countDown();
        server.stop(0);
    }

    private void serve(HttpExchange ex) throws IOException {
        String name = ex.getRequestURI().getPath().substring("/files/".length());
        if (!name.equals("model.bin")) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        if (misbehave(ex)) {
            return;
        }
        String range = ex.getRequestHeaders().getFirst("Range");
        int from = 0;
        if (range != null) {
            ranges.add(range);
            from = Integer.parseInt(range.substring("bytes=".length(), range.indexOf('-')));
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (PAYLOAD.length - 1) + "/"
                    + PAYLOAD.length);
        }
        int length = PAYLOAD.length - from;
        ex.sendResponseHeaders(range != null ? 206 : 200, length);
        int cut = cutAfter.getAndSet(-1);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(PAYLOAD, from, cut >= 0 ? cut : length);
            out.flush();
            if (cut >= 0) {
                ex.getHttpContext().getServer().stop(0);
            }
        } catch (IOException ignored) {
            // the client saw a truncated body, which is what the test wants
        }
    }

    private boolean misbehave(HttpExchange ex) {
        if (mode.get().equals("NORMAL")) {
            return false;
        }
        try (OutputStream out = ex.getResponseBody()) {
            switch (mode.get()) {
                case "STALL" -> {
                    ex.sendResponseHeaders(200, PAYLOAD.length);
                    out.write(PAYLOAD, 0, 1000);
                    out.flush();
                    released.await(30, TimeUnit.SECONDS);
                }
                case "ENDLESS" -> {
                    ex.sendResponseHeaders(200, 0);
                    for (int i = 0; i < 100 && released.getCount() > 0; i++) {
                        out.write(PAYLOAD);
                        out.flush();
                    }
                }
                case "WRONG_RANGE" -> {
                    ex.getResponseHeaders().add("Content-Range", "bytes 0-" + (PAYLOAD.length - 1) + "/"
                            + PAYLOAD.length);
                    ex.sendResponseHeaders(206, PAYLOAD.length);
                    out.write(PAYLOAD);
                }
                default -> throw new IllegalStateException(mode.get());
            }
        } catch (IOException | InterruptedException ignored) {
            // the client gave up, which is what the test wants
        }
        return true;
    }

    private ModelFile file(String name, String sha) {
        return new ModelFile(name, url(name), sha, null, 1 << 20, false);
    }

    private URI url(String name) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/files/" + name);
    }

    private static String sha(byte[] data) throws Exception {
        return digest("SHA-256", data);
    }

    private static String digest(String algorithm, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    }

    @Test
    void downloadsVerifiesAndRecordsTheDigest() throws Exception {
        List<Long> seen = new ArrayList<>();
        Path p = new ModelDownloader().download(file("model.bin", sha(PAYLOAD)), dir,
                (stage, done, total) -> seen.add(done));
        assertThat(Files.readAllBytes(p)).isEqualTo(PAYLOAD);
        assertThat(Files.readString(dir.resolve("model.bin.sha256"))).startsWith(sha(PAYLOAD));
        assertThat(seen).isNotEmpty().isSorted();
        assertThat(seen.get(seen.size() - 1)).isEqualTo(PAYLOAD.length);
        assertThat(new ModelDownloader().verify(List.of(file("model.bin", sha(PAYLOAD))), dir)).isEmpty();
    }

    @Test
    void resumesAPartialFileWithARangeRequest() throws Exception {
        Files.write(dir.resolve("model.bin.part"), Arrays.copyOf(PAYLOAD, 120_000));
        Path p = new ModelDownloader().download(file("model.bin", sha(PAYLOAD)), dir, ProgressListener.NONE);
        assertThat(ranges).containsExactly("bytes=120000-");
        assertThat(Files.readAllBytes(p)).isEqualTo(PAYLOAD);
        assertThat(dir.resolve("model.bin.part")).doesNotExist();
    }

    @Test
    void aWrongChecksumLeavesNoFile() {
        assertThatThrownBy(() -> new ModelDownloader().download(file("model.bin", "00".repeat(32)), dir,
                ProgressListener.NONE))
                .isInstanceOf(ModelDownloadException.class).hasMessageContaining("SHA-256 mismatch")
                .hasMessageContaining("the catalogue's").hasMessageContaining("download it again");
        assertThat(dir.resolve("model.bin")).doesNotExist();
        assertThat(dir.resolve("model.bin.part")).doesNotExist();
    }

    @Test
    void notFoundNamesTheUrl() throws Exception {
        ModelFile absent = file("absent.bin", sha(PAYLOAD));
        assertThatThrownBy(() -> new ModelDownloader().download(absent, dir, ProgressListener.NONE))
                .isInstanceOf(ModelDownloadException.class).hasMessageContaining("HTTP 404")
                .hasMessageContaining("absent.bin");
        assertThat(dir.resolve("absent.bin")).doesNotExist();
    }

    @Test
    void anInterruptedTransferKeepsThePartForResuming() throws Exception {
        cutAfter.set(100_000);
        ModelFile f = file("model.bin", sha(PAYLOAD));
        assertThatThrownBy(() -> new ModelDownloader().download(f, dir, ProgressListener.NONE))
                .isInstanceOf(ModelDownloadException.class);
        assertThat(dir.resolve("model.bin")).doesNotExist();
        long kept = Files.size(dir.resolve("model.bin.part"));
        assertThat(kept).isBetween(0L, 100_000L);
        stop();
        start();
        ModelFile again = file("model.bin", sha(PAYLOAD));
        Path p = new ModelDownloader().download(again, dir, ProgressListener.NONE);
        assertThat(Files.readAllBytes(p)).isEqualTo(PAYLOAD);
    }

    @Test
    void verifyReportsMissingAndCorruptFiles() throws Exception {
        Files.write(dir.resolve("model.bin"), new byte[] {1, 2, 3});
        List<String> problems = new ModelDownloader().verify(
                List.of(file("model.bin", sha(PAYLOAD)), file("other.bin", sha(PAYLOAD))), dir);
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).contains("SHA-256 mismatch");
        assertThat(problems.get(1)).contains("missing").contains("other.bin");
    }

    @Test
    void catalogueNamesTheOfficialFiles() {
        assertThat(ModelCatalog.REQUIRED).extracting(ModelFile::name).contains(
                "SadTalker_V0.0.2_256.safetensors", "mapping_00229-model.pth.tar", "detection_Resnet50_Final.pth");
        assertThat(ModelCatalog.mirroredAt(URI.create("http://127.0.0.1:1/m"), ModelCatalog.all()).get(0).url()
                .toString()).isEqualTo("http://127.0.0.1:1/m/mapping_00109-model.pth.tar");
    }

    @Test
    void everyRequiredFileCarriesItsDigestAndAMirrorKeepsIt() {
        assertThat(ModelCatalog.REQUIRED).allSatisfy(f -> assertThat(f.sha256()).matches("[0-9a-f]{64}"));
        assertThat(ModelCatalog.all()).filteredOn(f -> f.sha256() == null).extracting(ModelFile::name, ModelFile::md5)
                .containsExactly(tuple("RestoreFormer.pth", "eaeeff6c4a1caa1673977cb374e6f699"));
        assertThat(ModelCatalog.mirroredAt(URI.create("http://127.0.0.1:1/m"), ModelCatalog.all()))
                .extracting(ModelFile::sha256, ModelFile::md5, ModelFile::maxBytes)
                .isEqualTo(ModelCatalog.all().stream().map(f -> tuple(f.sha256(), f.md5(), f.maxBytes())).toList());
    }

    @Test
    void aStalledBodyIsStoppedByTheIdleTimeoutAndKeptForResuming() throws Exception {
        mode.set("STALL");
        ModelDownloader downloader = new ModelDownloader(HttpClient.newHttpClient(), Duration.ofMillis(300));
        ModelFile f = file("model.bin", sha(PAYLOAD));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(
                () -> downloader.download(f, dir, ProgressListener.NONE))
                .isInstanceOf(ModelDownloadException.class).hasMessageContaining("sent nothing for 300 ms")
                .hasMessageContaining("model.bin").hasMessageContaining("resume"));
        assertThat(dir.resolve("model.bin")).doesNotExist();
        assertThat(Files.readAllBytes(dir.resolve("model.bin.part"))).isEqualTo(Arrays.copyOf(PAYLOAD, 1000));
    }

    @Test
    void aBodyGrowingPastTheCapIsStoppedAndDeleted() throws Exception {
        mode.set("ENDLESS");
        ModelFile f = new ModelFile("model.bin", url("model.bin"), sha(PAYLOAD), null, 1_000_000, false);
        assertThatThrownBy(() -> new ModelDownloader().download(f, dir, ProgressListener.NONE))
                .isInstanceOf(ModelDownloadException.class).hasMessageContaining("exceeds 1000000 bytes");
        assertThat(dir.resolve("model.bin")).doesNotExist();
        assertThat(dir.resolve("model.bin.part")).doesNotExist();
    }

    @Test
    void aBodyAnnouncedPastTheCapIsNotRead() throws Exception {
        ModelFile f = new ModelFile("model.bin", url("model.bin"), sha(PAYLOAD), null, 1000, false);
        assertThatThrownBy(() -> new ModelDownloader().download(f, dir, ProgressListener.NONE))
                .isInstanceOf(ModelDownloadException.class)
                .hasMessageContaining("announces " + PAYLOAD.length + " bytes, more than the 1000 accepted");
        assertThat(dir.resolve("model.bin")).doesNotExist();
        assertThat(dir.resolve("model.bin.part")).doesNotExist();
    }

    @Test
    void aPartialReplyForTheWrongRangeIsNotAppended() throws Exception {
        byte[] head = Arrays.copyOf(PAYLOAD, 120_000);
        Files.write(dir.resolve("model.bin.part"), head);
        mode.set("WRONG_RANGE");
        assertThatThrownBy(() -> new ModelDownloader().download(file("model.bin", sha(PAYLOAD)), dir,
                ProgressListener.NONE))
                .isInstanceOf(ModelDownloadException.class).hasMessageContaining("bytes 0-299999/300000")
                .hasMessageContaining("from byte 120000");
        assertThat(Files.readAllBytes(dir.resolve("model.bin.part"))).isEqualTo(head);
        assertThat(dir.resolve("model.bin")).doesNotExist();
    }

    @Test
    void aFileWithOnlyAnMd5IsCheckedAgainstItOnDownloadAndWithoutARecordedDigest() throws Exception {
        ModelFile good = new ModelFile("model.bin", url("model.bin"), null, digest("MD5", PAYLOAD), 1 << 20, true);
        Path p = new ModelDownloader().download(good, dir, ProgressListener.NONE);
        assertThat(Files.readAllBytes(p)).isEqualTo(PAYLOAD);
        assertThat(Files.readString(dir.resolve("model.bin.sha256"))).startsWith(sha(PAYLOAD));

        Files.delete(dir.resolve("model.bin.sha256"));
        Files.write(p, new byte[] {1, 2, 3});
        assertThat(new ModelDownloader().verify(List.of(good), dir)).singleElement().asString()
                .contains("MD5 mismatch").contains(good.md5());

        Files.delete(p);
        ModelFile bad = new ModelFile("model.bin", url("model.bin"), null, "00".repeat(16), 1 << 20, true);
        assertThatThrownBy(() -> new ModelDownloader().download(bad, dir, ProgressListener.NONE))
                .isInstanceOf(ModelDownloadException.class).hasMessageContaining("MD5 mismatch");
        assertThat(dir.resolve("model.bin")).doesNotExist();
    }

    @Test
    void anUnpinnedFileIsCheckedAgainstTheRecordOfItsDownloadAndUnverifiableWithoutOne() throws Exception {
        ModelFile unpinned = new ModelFile("model.bin", url("model.bin"), null, null, 1 << 20, false);
        List<String> notices = new ArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void progress(String stage, long done, long total) {
            }

            @Override
            public void notice(String message) {
                notices.add(message);
            }
        };
        Path p = new ModelDownloader().download(unpinned, dir, listener);
        assertThat(Files.readAllBytes(p)).isEqualTo(PAYLOAD);
        assertThat(notices).singleElement().asString().contains("model.bin", "no published digest", sha(PAYLOAD));
        assertThat(new ModelDownloader().verify(List.of(unpinned), dir)).isEmpty();

        Files.write(p, new byte[] {1, 2, 3});
        assertThat(new ModelDownloader().verify(List.of(unpinned), dir)).singleElement().asString()
                .contains("SHA-256 mismatch", "recorded at its download");
        Files.delete(dir.resolve("model.bin.sha256"));
        assertThat(new ModelDownloader().verify(List.of(unpinned), dir)).singleElement().asString()
                .contains("cannot be checked", "model.bin.sha256", "download it again");
    }

    @Test
    void theCatalogueHasTheLegacyReleaseFilesAndAnswersNamesInItsOrder() {
        assertThat(ModelCatalog.files(List.of("GFPGANv1.4.pth", "epoch_20.pth", "mapping_00229-model.pth.tar")))
                .extracting(ModelFile::name)
                .containsExactly("mapping_00229-model.pth.tar", "epoch_20.pth", "GFPGANv1.4.pth");
        assertThatThrownBy(() -> ModelCatalog.files(List.of("detection_Resnet50_Final.pth", "codeformer.pth")))
                .isInstanceOf(ModelDownloadException.class).hasMessageContaining("codeformer.pth")
                .hasMessageNotContaining("detection_Resnet50_Final.pth");
        assertThat(ModelCatalog.LEGACY).allSatisfy(f -> {
            assertThat(f.url().toString()).isEqualTo(
                    "https://github.com/Winfredy/SadTalker/releases/download/v0.0.2/" + f.name());
            assertThat(f.pinned()).as("recorded at the first download").isFalse();
            assertThat(f.optional()).isFalse();
        });
    }
}
