package io.sadtalker.core.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.sadtalker.core.UnsafeCheckpointException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Pickles that name code to run: each must be refused as unsafe, and nothing may run. */
class MaliciousPickleTest {
    @TempDir
    Path dir;

    /** Each builder gets the shell command (creating a marker file) an attacker would run. */
    static Stream<Arguments> attacks() {
        return Stream.of(
                attack("GLOBAL os.system + REDUCE", "os.system",
                        cmd -> PickleOps.protocol2().global("os", "system").mark().str(cmd).tuple().reduce().stop()),
                attack("GLOBAL posix.system + REDUCE", "posix.system",
                        cmd -> PickleOps.protocol2().global("posix", "system").mark().str(cmd).tuple().reduce().stop()),
                attack("STACK_GLOBAL builtins.eval + REDUCE", "builtins.eval",
                        cmd -> new PickleOps().raw(0x80, 4).stackGlobal("builtins", "eval")
                                .mark().str("__import__('os').system('" + cmd + "')").tuple().reduce().stop()),
                attack("STACK_GLOBAL builtins.exec + NEWOBJ", "builtins.exec",
                        cmd -> new PickleOps().raw(0x80, 4).stackGlobal("builtins", "exec")
                                .mark().str("import os; os.system('" + cmd + "')").tuple().raw(0x81).stop()),
                attack("INST subprocess.Popen", "subprocess.Popen",
                        cmd -> PickleOps.protocol2().mark().mark().str("sh").str("-c").str(cmd).raw('l')
                                .raw('i').rawBytes("subprocess\nPopen\n".getBytes(StandardCharsets.US_ASCII)).stop()),
                attack("OBJ subprocess.Popen", "subprocess.Popen",
                        cmd -> PickleOps.protocol2().mark().global("subprocess", "Popen").mark().str("sh").str("-c")
                                .str(cmd).raw('l').raw('o').stop()),
                attack("builtins.getattr chain", "builtins.getattr",
                        cmd -> PickleOps.protocol2().global("builtins", "getattr").mark().global("os", "path").str("x")
                                .tuple().reduce().stop()),
                attack("Pyrolite's own copy_reg._reconstructor", "copy_reg._reconstructor",
                        cmd -> PickleOps.protocol2().global("copy_reg", "_reconstructor").mark().none().none().none()
                                .tuple().reduce().stop()),
                attack("Pyrolite's own builtins.set", "builtins.set",
                        cmd -> PickleOps.protocol2().global("builtins", "set").emptyTuple().reduce().stop()),
                attack("torch.load re-entry", "torch.load",
                        cmd -> PickleOps.protocol2().global("torch", "load").mark().str("/tmp/x").tuple().reduce().stop()),
                attack("os.system hidden after a valid tensor", "os.system",
                        cmd -> PickleOps.protocol2().emptyDict().mark().str("state_dict").orderedDict().mark().str("w")
                                .tensor("FloatStorage", "0", 2).setItems().str("epoch").global("os", "system")
                                .mark().str(cmd).tuple().reduce().setItems().stop()),
                attack("os.system as a tensor's backward hook", "os.system",
                        cmd -> PickleOps.protocol2().global("torch._utils", "_rebuild_tensor_v2").mark()
                                .mark().str("storage").global("torch", "FloatStorage").str("0").str("cpu").integer(2)
                                .tuple().raw('Q').integer(0).ints(2).ints(1).bool(false)
                                .global("os", "system").mark().str(cmd).tuple().reduce().tuple().reduce().stop()),
                attack("os.system as a storage type", "os.system",
                        cmd -> PickleOps.protocol2().mark().str("storage").global("os", "system").str("0").str("cpu")
                                .integer(2).tuple().raw('Q').stop()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void refusesGlobalsOutsideTheAllowList(String name, String global, Function<String, PickleOps> pickle)
            throws IOException {
        Path marker = dir.resolve("pwned");
        Path file = TestFiles.torchZip(dir.resolve("evil.pth"), "evil",
                pickle.apply("touch " + marker).bytes(), Map.of("0", TestFiles.floats(1, 2)));
        assertThatThrownBy(() -> Checkpoint.open(file)).isInstanceOf(UnsafeCheckpointException.class)
                .hasMessageContaining("'" + global + "'").hasMessageContaining(file.toString());
        assertThat(marker).doesNotExist();
    }

    @Test
    void refusalLeavesNoGlobalStateBehind() throws IOException {
        Path evil = TestFiles.torchZip(dir.resolve("evil.pth"), "evil",
                PickleOps.protocol2().global("os", "system").mark().str("true").tuple().reduce().stop().bytes(),
                Map.of());
        assertThatThrownBy(() -> Checkpoint.open(evil)).isInstanceOf(UnsafeCheckpointException.class);
        Path good = TestFiles.torchZip(dir.resolve("good.pth"), "good", PickleOps.protocol2().orderedDict().mark()
                .str("w").tensor("FloatStorage", "0", 2).setItems().stop().bytes(), Map.of("0", TestFiles.floats(7, 8)));
        try (Checkpoint ckpt = Checkpoint.open(good); NDManager m = NDManager.newBaseManager()) {
            assertThat(ckpt.load("w", m).toFloatArray()).containsExactly(7, 8);
        }
        assertThatThrownBy(() -> Checkpoint.open(evil)).isInstanceOf(UnsafeCheckpointException.class);
        assertThat(Files.exists(dir.resolve("pwned"))).isFalse();
    }

    private static Arguments attack(String name, String global, Function<String, PickleOps> pickle) {
        return Arguments.of(name, global, pickle);
    }
}
