package io.sadtalker.core.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.sadtalker.core.CheckpointException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Small checkpoints that ask for unbounded work or memory: each is refused quickly with a
 * {@link CheckpointException} naming the file and the problem.
 */
class ResourceBombTest extends CheckpointFileTest {
    private static final Duration QUICKLY = Duration.ofSeconds(20);

    /** {@code l0 = []; l(i) = [l(i-1), l(i-1)]} sixty times, then {@code {l60: None}}: hashing visits 2^60 lists. */
    @Test
    void aSharedListNestedSixtyLevelsAsADictKeyIsRefused() throws IOException {
        PickleOps p = PickleOps.protocol2().emptyList().binput(0);
        for (int i = 1; i <= 60; i++) {
            p.emptyList().mark().binget(i - 1).binget(i - 1).appends().binput(i);
        }
        p.emptyDict().binget(60).none().raw('s').stop();
        Path file = torch("nested.pth", p.bytes());
        assertThat(Files.size(file)).isLessThan(2_000);
        assertRefused(file, "dict key");
    }

    @Test
    void aListAsASetElementIsRefused() throws IOException {
        Path file = torch("set.pth", new PickleOps().raw(0x80, 4).raw(0x8f).mark().emptyList().raw(0x90).stop().bytes());
        assertRefused(file, "set element");
    }

    @Test
    void nestingDeeperThanTheBoundIsRefused() throws IOException {
        PickleOps deep = PickleOps.protocol2().emptyList();
        for (int i = 0; i < TorchUnpickler.MAX_DEPTH; i++) {
            deep.raw(0x85); // TUPLE1: (x,)
        }
        assertRefused(torch("deep.pth", deep.stop().bytes()), "nest");
    }

    @Test
    void aListContainingItselfIsRefused() throws IOException {
        Path file = torch("cycle.pth", PickleOps.protocol2().emptyList().binput(0).binget(0).raw('a').stop().bytes());
        assertRefused(file, "contains itself");
    }

    @Test
    void aFloodOfNoneOpcodesIsRefusedByTheStackBound() throws IOException {
        byte[] pickle = new byte[TorchUnpickler.MAX_STACK + 10];
        Arrays.fill(pickle, (byte) 'N');
        assertRefused(torch("nones.pth", pickle), "stack");
    }

    @Test
    void tooManyOperationsAreRefused() throws IOException {
        byte[] pickle = new byte[2 * (TorchUnpickler.MAX_OPERATIONS / 2 + 10)];
        for (int i = 0; i < pickle.length; i += 2) {
            pickle[i] = 'N';
            pickle[i + 1] = '0'; // POP
        }
        assertRefused(torch("ops.pth", pickle), "operations");
    }

    @Test
    void tooManyMemoEntriesAreRefused() throws IOException {
        PickleOps p = PickleOps.protocol2().none();
        for (int i = 0; i <= TorchUnpickler.MAX_MEMO; i++) {
            p.raw('r', i & 0xff, (i >> 8) & 0xff, (i >> 16) & 0xff, 0); // LONG_BINPUT i
        }
        assertRefused(torch("memo.pth", p.stop().bytes()), "memo");
    }

    @Test
    void aHugeDecimalIntegerIsRefused() throws IOException {
        byte[] digits = new byte[100_000];
        Arrays.fill(digits, (byte) '7');
        Path file = torch("long.pth", PickleOps.protocol2().raw('L').rawBytes(digits).raw('L', '\n').stop().bytes());
        assertRefused(file, "digits");
    }

    /** NONE opcodes past the size cap (the 200 MB deflate to 204 KB): refused before data.pkl is read. */
    @Test
    void aCompressedNoneBombIsRefusedBeforeDecompression() throws IOException {
        byte[] pickle = new byte[(int) TorchZipFile.MAX_PICKLE_BYTES + 1];
        Arrays.fill(pickle, (byte) 'N');
        Path file = torch("bomb.pth", pickle);
        pickle = null;
        assertThat(Files.size(file)).isLessThan(1_000_000);
        assertRefused(file, "data.pkl");
    }

    /** One float viewed with stride 0 as a 2^20 x 2^20 tensor: 4 TiB if materialised. */
    @Test
    void aZeroStrideViewOfTeraBytesIsRefusedAtLoad() throws IOException {
        Path file = TestFiles.torchZip(dir.resolve("zero.pth"), "zero", PickleOps.protocol2().orderedDict().mark()
                .str("w").tensor("FloatStorage", "0", 1, 0, new long[] {1 << 20, 1 << 20}, new long[] {0, 0})
                .setItems().stop().bytes(), Map.of("0", TestFiles.floats(1)));
        assertLoadRefused(file, "w", "4398046511104 bytes");
    }

    /** A 1-D zero-stride view longer than an int: used to fail toIntExact with a raw ArithmeticException. */
    @Test
    void aZeroStrideViewLongerThanAnIntIsRefusedAtLoad() throws IOException {
        Path file = TestFiles.torchZip(dir.resolve("long.pth"), "long", PickleOps.protocol2().orderedDict().mark()
                .str("w").tensor("FloatStorage", "0", 1, 0, new long[] {1L << 31}, new long[] {0})
                .setItems().stop().bytes(), Map.of("0", TestFiles.floats(1)));
        assertLoadRefused(file, "w", "8589934592 bytes");
    }

    @Test
    void aSmallStridedViewStillLoads() throws IOException {
        Path file = TestFiles.torchZip(dir.resolve("ok.pth"), "ok", PickleOps.protocol2().orderedDict().mark()
                .str("w").tensor("FloatStorage", "0", 1, 0, new long[] {2, 3}, new long[] {0, 0})
                .setItems().stop().bytes(), Map.of("0", TestFiles.floats(5)));
        try (Checkpoint ckpt = Checkpoint.open(file)) {
            assertThat(ckpt.load("w", manager).toFloatArray()).containsExactly(5, 5, 5, 5, 5, 5);
        }
    }

    private Path torch(String name, byte[] pickle) throws IOException {
        return TestFiles.torchZip(dir.resolve(name), "archive", pickle, Map.of());
    }

    private static void assertRefused(Path file, String problem) {
        assertTimeoutPreemptively(QUICKLY, () -> assertThatThrownBy(() -> Checkpoint.open(file).close())
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining(problem));
    }

    private static void assertLoadRefused(Path file, String key, String problem) {
        try (Checkpoint ckpt = Checkpoint.open(file)) {
            assertTimeoutPreemptively(QUICKLY, () -> assertThatThrownBy(() -> ckpt.load(key, manager))
                    .isInstanceOf(CheckpointException.class).hasMessageContaining(file.toString())
                    .hasMessageContaining("'" + key + "'").hasMessageContaining(problem));
        }
    }
}
