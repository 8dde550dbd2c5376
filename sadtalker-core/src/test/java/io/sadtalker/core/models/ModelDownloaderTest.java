package io.sadtalker.core.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sadtalker.core.ProgressListener;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a local HTTP server on 127.0.0.1: resume, checksum, 404, interrupted transfers. */
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

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/files/", this::serve);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void serve(HttpExchange ex) throws IOException {
        String name = ex.getRequestURI().getPath().substring("/files/".length());
        if (!name.equals("model.bin")) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
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

    private ModelFile file(String name, String sha) {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/files/" + name);
        return new ModelFile(name, url, sha, false);
    }

    private static String sha(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
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
        assertThat(new ModelDownloader().verify(List.of(file("model.bin", null)), dir)).isEmpty();
    }

    @Test
    void resumesAPartialFileWithARangeRequest() throws Exception {
        Files.write(dir.resolve("model.bin.part"), java.util.Arrays.copyOf(PAYLOAD, 120_000));
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
    void notFoundNamesTheUrl() {
        assertThatThrownBy(() -> new ModelDownloader().download(file("absent.bin", null), dir, ProgressListener.NONE))
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
                List.of(file("model.bin", sha(PAYLOAD)), file("other.bin", null)), dir);
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
        assertThat(ModelCatalog.all()).filteredOn(f -> f.sha256() == null).extracting(ModelFile::name)
                .containsExactly("RestoreFormer.pth");
        assertThat(ModelCatalog.mirroredAt(URI.create("http://127.0.0.1:1/m"), ModelCatalog.all()))
                .extracting(ModelFile::sha256).isEqualTo(ModelCatalog.all().stream().map(ModelFile::sha256).toList());
    }

    @Test
    void theLegacyLayoutReplacesTheSafetensorsFilesWithTheOldReleaseFiles() {
        assertThat(ModelCatalog.layout(true)).extracting(ModelFile::name)
                .doesNotContain("SadTalker_V0.0.2_256.safetensors", "SadTalker_V0.0.2_512.safetensors")
                .contains("mapping_00229-model.pth.tar", "mapping_00109-model.pth.tar", "auido2exp_00300-model.pth",
                        "auido2pose_00140-model.pth", "epoch_20.pth", "facevid2vid_00189-model.pth.tar",
                        "detection_Resnet50_Final.pth", "GFPGANv1.4.pth");
        assertThat(ModelCatalog.LEGACY).allSatisfy(f -> {
            assertThat(f.url().toString()).isEqualTo(
                    "https://github.com/Winfredy/SadTalker/releases/download/v0.0.2/" + f.name());
            assertThat(f.sha256()).as("recorded at the first download").isNull();
            assertThat(f.optional()).isFalse();
        });
        assertThat(ModelCatalog.layout(false)).isEqualTo(ModelCatalog.all());
    }
}
