package io.sadtalker.core.weights;

import ai.djl.ndarray.NDManager;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sadtalker.core.CheckpointException;
import io.sadtalker.core.fuzz.FuzzFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Jazzer fuzz targets of the checkpoint readers: whatever the bytes, opening a checkpoint and loading every tensor of
 * every entry either works or fails with a {@link CheckpointException}; anything else (another exception, an
 * {@link Error}, a hang past Jazzer's timeout) is a finding.
 */
class CheckpointReadersFuzzTest {
    /** Storages the fuzzed pickles may point at, as {@code torch.save} names them. */
    private static final Map<String, byte[]> STORAGES = Map.of("0", TestFiles.iota(64), "1", TestFiles.iota(16),
            "2", TestFiles.longs(3, 4));
    private static final Path SAFETENSORS = FuzzFiles.scratch(".safetensors");
    private static final Path PTH = FuzzFiles.scratch(".pth");

    private static NDManager manager;

    @BeforeAll
    static void start() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    /** The input is a safetensors header (the JSON text) and its data section: {@code u16 header length, header, data}. */
    @FuzzTest(maxDuration = "5m")
    void safetensors(byte[] input) {
        ByteBuffer in = ByteBuffer.wrap(input).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = input.length < 2 ? 0 : Math.min(Short.toUnsignedInt(in.getShort()), in.remaining());
        ByteBuffer file = ByteBuffer.allocate(8 + in.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        file.putLong(headerLength).put(in);
        openAndLoadAll(FuzzFiles.write(SAFETENSORS, file.array()));
    }

    /** The input is {@code data.pkl} of a PyTorch zip checkpoint whose storages 0, 1, 2 exist. */
    @FuzzTest(maxDuration = "5m")
    void torchPickle(byte[] pickle) throws IOException {
        openAndLoadAll(TestFiles.torchZip(PTH, "archive", pickle, STORAGES));
    }

    /** The input is a whole {@code .pth} file (zip structure included). */
    @FuzzTest(maxDuration = "5m")
    void torchZip(byte[] input) {
        openAndLoadAll(FuzzFiles.write(PTH, input));
    }

    private static void openAndLoadAll(Path file) {
        try (Checkpoint ckpt = Checkpoint.open(file); NDManager m = manager.newSubManager()) {
            for (String key : ckpt.keys()) {
                ckpt.load(key, m).close();
            }
            for (String entry : ckpt.entries()) {
                TensorSource source;
                try {
                    source = ckpt.entry(entry);
                } catch (CheckpointException notAStateDict) {
                    continue;
                }
                for (String key : source.keys()) {
                    source.load(key, m).close();
                }
            }
        } catch (CheckpointException expected) {
            // a clear, typed refusal
        }
    }
}
