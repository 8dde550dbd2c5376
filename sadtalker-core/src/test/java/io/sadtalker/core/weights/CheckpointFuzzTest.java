package io.sadtalker.core.weights;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.sadtalker.core.CheckpointException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random mutations of valid files (bytes flipped, inserted, removed; lengths truncated): opening and
 * loading every key either works or fails with a {@link CheckpointException}, never anything else.
 */
class CheckpointFuzzTest extends CheckpointFileTest {
    private static final int RUNS = 250;
    @Test
    void mutatedSafetensorsFailOnlyWithCheckpointException() throws IOException {
        String header = "{\"__metadata__\":{\"format\":\"pt\"},\"a.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],"
                + "\"data_offsets\":[0,24]},\"a.bias\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[24,28]},"
                + "\"n\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[28,36]}}";
        byte[] data = Arrays.copyOf(TestFiles.iota(9), 36);
        byte[] valid = Files.readAllBytes(TestFiles.safetensors(dir.resolve("v.safetensors"), header, data));
        Random random = new Random(1);
        int opened = 0;
        for (int run = 0; run < RUNS; run++) {
            opened += openAndLoadAll(Files.write(dir.resolve("m.safetensors"), mutate(valid, random)), run);
        }
        assertThat(opened).as("some mutants stay valid").isPositive();
    }

    @Test
    void mutatedTorchPicklesFailOnlyWithCheckpointException() throws IOException {
        PickleOps p = PickleOps.protocol2().emptyDict().mark();
        p.str("state_dict").orderedDict().mark()
                .str("w").parameter(() -> p.tensor("FloatStorage", "0", 12, 2, new long[] {2, 3}, new long[] {1, 2}))
                .str("b").tensor("HalfStorage", "1", 2)
                .str("n").tensor("LongStorage", "2")
                .setItems();
        p.emptyDict().mark().str("_metadata").orderedDict().setItems().build();
        p.str("epoch").integer(7).str("opt").mark().floating(0.5).none().bool(true).tuple().setItems().stop();
        byte[] pickle = p.bytes();
        Map<String, byte[]> storages = Map.of("0", TestFiles.iota(12), "1", new byte[] {0, 0x3c, 0, 0x40},
                "2", TestFiles.longs(3));
        Random random = new Random(2);
        int opened = 0;
        for (int run = 0; run < RUNS; run++) {
            Path file = TestFiles.torchZip(dir.resolve("m.pth"), "m", mutate(pickle, random), storages);
            opened += openAndLoadAll(file, run);
        }
        assertThat(opened).as("some mutants stay valid").isPositive();
    }

    /** Returns 1 if the file opened; any failure other than CheckpointException fails the test. */
    private static int openAndLoadAll(Path file, int run) {
        try (Checkpoint ckpt = Checkpoint.open(file); NDManager m = manager.newSubManager()) {
            for (String key : ckpt.keys()) {
                ckpt.load(key, m);
            }
            for (String entry : ckpt.entries()) {
                try {
                    TensorSource source = ckpt.entry(entry);
                    for (String key : source.keys()) {
                        source.load(key, m);
                    }
                } catch (CheckpointException expected) {
                    // not a state dict
                }
            }
            return 1;
        } catch (CheckpointException expected) {
            return 0;
        } catch (RuntimeException | Error e) {
            throw new AssertionError("run " + run + ": " + e, e);
        }
    }

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] b = valid.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(5)) {
                case 0 -> b[at] = (byte) random.nextInt(256);
                case 1 -> b[at] ^= (byte) (1 << random.nextInt(8));
                case 2 -> b = Arrays.copyOf(b, Math.max(1, at));
                case 3 -> {
                    byte[] out = new byte[b.length + 1];
                    System.arraycopy(b, 0, out, 0, at);
                    out[at] = (byte) random.nextInt(256);
                    System.arraycopy(b, at, out, at + 1, b.length - at);
                    b = out;
                }
                default -> {
                    byte[] out = new byte[b.length - 1];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(b, at + 1, out, at, b.length - at - 1);
                    b = out.length == 0 ? new byte[] {0} : out;
                }
            }
        }
        return b;
    }
}
