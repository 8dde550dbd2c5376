package io.sadtalker.testkit;

import io.sadtalker.core.weights.TensorDType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a manifest's synthetic tensors as safetensors the way the official files are laid out (README
 * "Container notes"): 8-byte little-endian header length, compact JSON header without {@code __metadata__},
 * space-padded to a multiple of 8, tensors ordered I64 before F32 and then by key bytes; data streamed.
 */
final class SafetensorsWriter {
    private SafetensorsWriter() {
    }

    static void write(Manifest manifest, String seed, FileChannel channel) throws IOException {
        List<Manifest.Tensor> order = manifest.tensors().stream()
                .sorted(Comparator.comparing((Manifest.Tensor t) -> t.dtype() == TensorDType.I64 ? 0 : 1)
                        .thenComparing((a, b) -> Arrays.compareUnsigned(utf8(a.key()), utf8(b.key()))))
                .toList();
        Map<String, Object> header = new LinkedHashMap<>();
        long offset = 0;
        for (Manifest.Tensor t : order) {
            long end = offset + t.elementCount() * t.dtype().byteSize();
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("dtype", t.dtype().name());
            info.put("shape", t.shape());
            info.put("data_offsets", new long[] {offset, end});
            header.put(t.key(), info);
            offset = end;
        }
        byte[] json = Json.MAPPER.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        writeFully(channel, head.flip());
        for (Manifest.Tensor t : order) {
            SyntheticWeights.writeLittleEndian(seed, t, chunk -> writeFully(channel, chunk));
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void writeFully(FileChannel channel, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }
}
