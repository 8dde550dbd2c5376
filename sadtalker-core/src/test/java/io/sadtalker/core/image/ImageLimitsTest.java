package io.sadtalker.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sadtalker.core.MediaException;
import io.sadtalker.core.MediaLimits;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Picture sizes are read from the header and checked before any pixel is decoded. */
class ImageLimitsTest {
    @TempDir
    Path dir;

    /** A PNG that declares {@code width x height} with an empty (undecodable) IDAT: only its header is valid. */
    private static byte[] pngHeaderOnly(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(out, "IDAT", new byte[0]);
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(type.getBytes());
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(type.getBytes());
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    @Test
    void aPngWhoseChunksAreBrokenIsRefusedBeforeOpenCvSeesIt() {
        // found by the image fuzzer: IHDR's CRC off by one and an IDAT declaring 4 GB (OpenCV spent ~2.7 s on it)
        byte[] fuzzed = HexFormat.of().parseHex("89504e470d0a1a0a0000000d4948445200000005000000050800000000a80479"
                + "38f800000b49444154785e6360c00700001e00018ab7370a000000000000000000006082");
        assertThatThrownBy(() -> ImageFiles.decode(fuzzed, "fuzzed.png")).isInstanceOf(MediaException.class)
                .hasMessageContaining("fuzzed.png").hasMessageContaining("chunk IHDR").hasMessageContaining("CRC");
        fuzzed[32] = 0x39; // IHDR's CRC corrected: the IDAT's length is next
        assertThatThrownBy(() -> ImageFiles.decode(fuzzed, "fuzzed.png")).isInstanceOf(MediaException.class)
                .hasMessageContaining("chunk IDAT").hasMessageContaining("4160749579 bytes, past the end");
        byte[] good = pngHeaderOnly(5, 5);
        byte[] noEnd = Arrays.copyOf(good, good.length - 12);
        assertThatThrownBy(() -> ImageFiles.decode(noEnd, "cut.png")).isInstanceOf(MediaException.class)
                .hasMessageContaining("without an IEND chunk");
    }

    @Test
    void aHugeDeclaredPictureIsRefusedFromItsHeader() throws Exception {
        Path png = Files.write(dir.resolve("bomb.png"), pngHeaderOnly(20000, 20000)); // 1.2 GB if decoded
        assertThatThrownBy(() -> ImageFiles.read(png)).isInstanceOf(MediaException.class)
                .hasMessageContaining(png.toString()).hasMessageContaining("20000x20000")
                .hasMessageContaining("maxImagePixels");
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MAX_VALUE, 65536, 46341})
    void sidesWhoseProductOverflowsAnIntAreRefused(int side) {
        assertThatThrownBy(() -> ImageFiles.decode(pngHeaderOnly(side, side), "big.png"))
                .isInstanceOf(MediaException.class).hasMessageContaining(side + "x" + side);
    }

    @Test
    void theLimitIsConfigurable() {
        RgbImage image = RgbImage.wrap(20, 10, new byte[20 * 10 * 3]);
        Path png = dir.resolve("small.png");
        ImageFiles.write(image, png);
        assertThat(ImageFiles.read(png, MediaLimits.defaults().withMaxImagePixels(200)).width()).isEqualTo(20);
        assertThatThrownBy(() -> ImageFiles.read(png, MediaLimits.defaults().withMaxImagePixels(199)))
                .isInstanceOf(MediaException.class).hasMessageContaining("20x10").hasMessageContaining("199");
    }

    @ParameterizedTest
    @ValueSource(strings = {".png", ".jpg", ".bmp", ".tiff", ".webp"})
    void headersGiveTheSizeOfEveryAcceptedFormat(String ext) throws Exception {
        Path file = dir.resolve("p" + ext);
        ImageFiles.write(RgbImage.wrap(37, 23, new byte[37 * 23 * 3]), file);
        ImageHeader header = ImageHeader.read(Files.readAllBytes(file), file.toString());
        assertThat(header.width()).isEqualTo(37);
        assertThat(header.height()).isEqualTo(23);
    }

    @Test
    void aSideOpenCvWillNotDecodeIsRefusedFromTheHeader() {
        // found by the fuzzer: a 55-byte BMP declaring 8257544x6 (49.5 million pixels, within maxImagePixels) made
        // OpenCV's imdecode throw a raw assertion
        byte[] bmp = java.util.Base64.getDecoder().decode(
                "Qk3GAABAAAAAADYAAAAoAAAACAB+AAYAAAABABgAAAAAAJAAAAAAAAAAoJZaiVBODQoaoLRaCg==");
        assertThatThrownBy(() -> ImageFiles.decode(bmp, "wide.bmp")).isInstanceOf(MediaException.class)
                .hasMessageContaining("wide.bmp").hasMessageContaining("8257544x6")
                .hasMessageContaining("over 1048576 pixels");
    }

    @Test
    void anUnknownFormatIsRefusedBeforeDecoding() {
        assertThatThrownBy(() -> ImageFiles.decode("P6\n4 4\n255\n".getBytes(), "x.ppm"))
                .isInstanceOf(MediaException.class).hasMessageContaining("x.ppm");
    }

    @Test
    void aFifoIsRefusedWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("portrait.png");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        assertThatThrownBy(() -> ImageFiles.read(fifo)).isInstanceOf(MediaException.class)
                .hasMessageContaining("not a regular file");
    }

    @Test
    void aGifWhoseLogicalScreenIsHugeIsRefused() {
        // logical screen 65535x65535 (12.9 GB as RGB), one 1x1 frame
        byte[] gif = {'G', 'I', 'F', '8', '9', 'a', (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 0, 0,
            0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B};
        assertThatThrownBy(() -> ImageFiles.decode(gif, "screen.gif")).isInstanceOf(MediaException.class)
                .hasMessageContaining("65535x65535");
    }
}
