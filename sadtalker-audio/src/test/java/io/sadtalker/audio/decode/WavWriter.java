package io.sadtalker.audio.decode;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntToDoubleFunction;

/** Writes RIFF/WAVE test files sample by sample (streamed, any length). */
final class WavWriter {
    enum Format { U8, S16, S24, S32, F32 }

    private WavWriter() {
    }

    /**
     * Writes {@code frames x channels} samples given by {@code sample(index)} (index = frame * channels + channel,
     * value in [-1, 1)); {@code declaredFrames} is the length put in the header (normally {@code frames}).
     */
    static void write(Path file, Format format, int rate, int channels, long frames, long declaredFrames,
                      IntToDoubleFunction sample) throws IOException {
        int bytes = switch (format) {
            case U8 -> 1;
            case S16 -> 2;
            case S24 -> 3;
            case S32, F32 -> 4;
        };
        long dataSize = declaredFrames * channels * bytes;
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes()).putInt((int) (36 + dataSize)).put("WAVE".getBytes());
        h.put("fmt ".getBytes()).putInt(16).putShort((short) (format == Format.F32 ? 3 : 1)).putShort((short) channels)
                .putInt(rate).putInt(rate * channels * bytes).putShort((short) (channels * bytes))
                .putShort((short) (bytes * 8));
        h.put("data".getBytes()).putInt((int) dataSize);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(h.array());
            ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            for (long i = 0; i < frames * channels; i++) {
                double v = sample.applyAsDouble((int) i);
                b.clear();
                switch (format) {
                    case U8 -> out.write((int) Math.round(v * 128) + 128);
                    case S16 -> out.write(b.putShort((short) Math.round(v * 32768)).array(), 0, 2);
                    case S24 -> out.write(b.putInt((int) Math.round(v * 8388608)).array(), 0, 3);
                    case S32 -> out.write(b.putInt((int) Math.round(v * 2147483648.0)).array(), 0, 4);
                    case F32 -> out.write(b.putFloat((float) v).array(), 0, 4);
                }
            }
        }
    }
}
