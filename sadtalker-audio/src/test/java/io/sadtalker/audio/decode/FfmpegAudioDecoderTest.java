package io.sadtalker.audio.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sadtalker.audio.Tensors;
import io.sadtalker.audio.mel.SadTalkerMelSpectrogram;
import io.sadtalker.core.MediaException;
import io.sadtalker.core.MelWindows;
import io.sadtalker.core.pipeline.InMemoryAudio;
import io.sadtalker.testkit.FixtureCase;
import io.sadtalker.testkit.FixtureCases;
import io.sadtalker.testkit.Fixtures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FfmpegAudioDecoderTest {
    private final FfmpegAudioDecoder decoder = new FfmpegAudioDecoder();

    @TempDir
    Path tmp;

    @Test
    void decodesStereo16kSpeechAsLibrosa() throws IOException {
        Path file = Fixtures.media().resolve("RD_Radio31_000.wav");
        float[] wav = decoder.decode16k(file);
        assertThat(wav).hasSize(128000);
        // independent path: the PCM bytes after the 44-byte header, (L + R) / 2 of int16 / 32768 in float32
        ByteBuffer pcm = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int data = dataOffset(pcm);
        for (int i = 0; i < wav.length; i += 997) {
            float l = pcm.getShort(data + 4 * i) / 32768f;
            float r = pcm.getShort(data + 4 * i + 2) / 32768f;
            assertThat(wav[i]).isEqualTo((l + r) / 2);
        }
    }

    @Test
    void inMemoryAudioDecodesAsItsFile() {
        Path file = Fixtures.media().resolve("bus_chinese.wav");
        float[] fromFile = decoder.decode16k(file);
        Path copy = tmp.resolve("bytes");
        InMemoryAudio.encoded(readAllBytes(file)).writeTo(copy);
        assertThat(decoder.decode16k(copy)).containsExactly(fromFile);
        // 16 kHz PCM goes through a 16-bit WAV: each sample within half an int16 step
        Path pcm = tmp.resolve("pcm");
        InMemoryAudio.pcm(fromFile, 16000).writeTo(pcm);
        float[] decoded = decoder.decode16k(pcm);
        assertThat(decoded).hasSameSizeAs(fromFile);
        for (int i = 0; i < decoded.length; i++) {
            assertThat(decoded[i]).as("sample %d", i).isCloseTo(fromFile[i], within(0.5f / 32768f + 1e-7f));
        }
    }

    private static byte[] readAllBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void resamples48kStereoSpeechTo16k() {
        long[] count = {0};
        FfmpegAudioDecoder.AudioInfo info = decoder.decode(Fixtures.media().resolve("bus_chinese.wav"),
                (s, off, len) -> count[0] += len);
        assertThat(info).isEqualTo(new FfmpegAudioDecoder.AudioInfo(48000, 2, 162045, 54015));
        assertThat(count[0]).isEqualTo(54015);
    }

    @Test
    void decodesTheMelCasesSourceFilesBitExactly() {
        for (FixtureCase c : FixtureCases.discover("mel")) {
            Path source = c.dir().resolve("source.wav");
            if (Files.exists(source)) {
                assertThat(decoder.decode16k(source)).as(c.toString()).containsExactly(Tensors.input(c, "wav"));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(WavWriter.Format.class)
    void decodesEveryPcmWidthAndFloat(WavWriter.Format format) throws IOException {
        Path file = tmp.resolve(format + ".wav");
        int n = 3200;
        WavWriter.write(file, format, 16000, 1, n, n, i -> 0.5 * Math.sin(i * 0.05));
        float[] wav = decoder.decode16k(file);
        assertThat(wav).hasSize(n);
        double tol = format == WavWriter.Format.U8 ? 1.0 / 128 : 1.0 / 32768;
        for (int i = 0; i < n; i++) {
            assertThat((double) wav[i]).isCloseTo(0.5 * Math.sin(i * 0.05), within(tol));
        }
    }

    @Test
    void silentAudioIsValidAndItsMelIsTheFloor() throws IOException {
        Path file = tmp.resolve("silent.wav");
        WavWriter.write(file, WavWriter.Format.S16, 16000, 2, 1600, 1600, i -> 0);
        float[] wav = decoder.decode16k(file);
        assertThat(wav).hasSize(1600).containsOnly(0f);
        MelWindows w = new SadTalkerMelSpectrogram().windows(wav);
        assertThat(w.frames()).isEqualTo(2);
        assertThat(w.data()).containsOnly(-4f);
    }

    @Test
    void failuresNameTheFile() throws IOException {
        Path missing = tmp.resolve("missing.wav");
        assertThatThrownBy(() -> decoder.decode16k(missing)).isInstanceOf(MediaException.class)
                .hasMessageContaining(missing.toString());

        Path text = tmp.resolve("notes.mp3");
        Files.writeString(text, "this is not audio at all\n".repeat(50));
        assertThatThrownBy(() -> decoder.decode16k(text)).isInstanceOf(MediaException.class)
                .hasMessageContaining(text.toString());

        Path image = Fixtures.media().resolve("people_0.png"); // FFmpeg's image demuxers are not accepted
        assertThatThrownBy(() -> decoder.decode16k(image)).isInstanceOf(MediaException.class)
                .hasMessageContaining(image.toString()).hasMessageContaining("accepted: wav, mp3");

        Path shortFile = tmp.resolve("short.wav");
        WavWriter.write(shortFile, WavWriter.Format.S16, 16000, 1, 600, 600, i -> 0.1);
        assertThatThrownBy(() -> decoder.decode16k(shortFile)).isInstanceOf(MediaException.class)
                .hasMessageContaining(shortFile.toString()).hasMessageContaining("too short");

        Path truncated = tmp.resolve("truncated.m4a");
        Path whole = tmp.resolve("whole.m4a");
        Encoded.write(whole, "aac", 16000, 32000);
        byte[] bytes = Files.readAllBytes(whole);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> decoder.decode16k(truncated)).isInstanceOf(MediaException.class)
                .hasMessageContaining(truncated.toString());
    }

    @Test
    void truncatedWavDecodesTheSamplesPresentAsLibsndfileDoes() throws IOException {
        Path truncated = tmp.resolve("truncated.wav");
        WavWriter.write(truncated, WavWriter.Format.S16, 16000, 1, 16000, 48000, i -> 0.1 * Math.sin(i));
        assertThat(decoder.decode16k(truncated)).hasSize(16000);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"flac,flac,44100,0", "mp3,libmp3lame,44100,0.05",
            "m4a,aac,44100,0.05", "ogg,libopus,48000,0.05"})
    void decodesCompressedFormats(String ext, String codec, int rate, double tolerance) throws IOException {
        Path file = tmp.resolve("tone." + ext);
        Encoded.write(file, codec, rate, rate);
        float[] wav = decoder.decode16k(file);
        assertThat(wav.length).isBetween(16000 - 400, 16000 + 1200);
        if (tolerance == 0) {
            assertThat(wav).hasSize(16000);
        }
        // a 440 Hz tone of amplitude 0.5: its RMS survives every codec
        double rms = 0;
        for (int i = 2000; i < 14000; i++) {
            rms += wav[i] * wav[i];
        }
        assertThat(Math.sqrt(rms / 12000)).isCloseTo(0.5 / Math.sqrt(2), within(0.01 + tolerance));
    }

    private static int dataOffset(ByteBuffer b) {
        int pos = 12;
        while (true) {
            String id = new String(new byte[] {b.get(pos), b.get(pos + 1), b.get(pos + 2), b.get(pos + 3)});
            int size = b.getInt(pos + 4);
            if (id.equals("data")) {
                return pos + 8;
            }
            pos += 8 + size + (size & 1);
        }
    }
}
