package io.sadtalker.core.weights;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Test helper: tiny checkpoint files written by hand. */
final class TestFiles {
    private TestFiles() {
    }

    /** A safetensors file with exactly this header text (padded with spaces to a multiple of 8) and data. */
    static Path safetensors(Path path, String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        int padded = (h.length + 7) / 8 * 8;
        ByteBuffer file = ByteBuffer.allocate(8 + padded + data.length).order(ByteOrder.LITTLE_ENDIAN);
        file.putLong(padded).put(h);
        for (int i = h.length; i < padded; i++) {
            file.put((byte) ' ');
        }
        file.put(data);
        return Files.write(path, file.array());
    }

    /** A PyTorch zip checkpoint: {@code <archive>/data.pkl}, {@code <archive>/data/<key>}, byteorder, version. */
    static Path torchZip(Path path, String archive, byte[] pickle, Map<String, byte[]> storages) throws IOException {
        try (OutputStream os = Files.newOutputStream(path); ZipOutputStream zip = new ZipOutputStream(os)) {
            put(zip, archive + "/data.pkl", pickle);
            put(zip, archive + "/byteorder", "little".getBytes(StandardCharsets.US_ASCII));
            for (Map.Entry<String, byte[]> e : storages.entrySet()) {
                put(zip, archive + "/data/" + e.getKey(), e.getValue());
            }
            put(zip, archive + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        }
        return path;
    }

    static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data);
        zip.closeEntry();
    }

    static byte[] floats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    static byte[] longs(long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }

    /** 0, 1, 2, ... n-1 as float32 bytes. */
    static byte[] iota(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return floats(v);
    }
}
