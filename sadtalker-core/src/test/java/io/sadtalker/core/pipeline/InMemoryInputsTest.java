package io.sadtalker.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sadtalker.core.InvalidInputException;
import io.sadtalker.core.MediaException;
import io.sadtalker.core.image.RgbImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Portraits and speech given in memory instead of as files. */
class InMemoryInputsTest {
    @TempDir
    Path dir;

    private static BufferedImage picture() {
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 0xFF102030);
        image.setRGB(1, 0, 0x80FF0001); // half transparent: the alpha is dropped, not blended
        image.setRGB(2, 1, 0xFFFFFFFF);
        return image;
    }

    @Test
    void aBufferedImageBecomesItsRgbPixels() {
        RgbImage rgb = GenerationRequest.builder().portrait(picture()).audio(new float[] {0f}, 16000).build()
                .portraitImage();
        assertThat(rgb.width()).isEqualTo(3);
        assertThat(rgb.height()).isEqualTo(2);
        assertThat(new int[] {rgb.get(0, 0, 0), rgb.get(0, 0, 1), rgb.get(0, 0, 2)}).containsExactly(0x10, 0x20, 0x30);
        assertThat(new int[] {rgb.get(1, 0, 0), rgb.get(1, 0, 1), rgb.get(1, 0, 2)}).containsExactly(0xFF, 0, 1);
        assertThat(new int[] {rgb.get(2, 1, 0), rgb.get(2, 1, 1), rgb.get(2, 1, 2)}).containsExactly(255, 255, 255);
        assertThat(new int[] {rgb.get(0, 1, 0), rgb.get(0, 1, 1), rgb.get(0, 1, 2)}).containsExactly(0, 0, 0);
    }

    @Test
    void encodedBytesDecodeToTheSamePixels() throws Exception {
        BufferedImage opaque = new BufferedImage(3, 2, BufferedImage.TYPE_3BYTE_BGR);
        opaque.setRGB(0, 0, 0x102030);
        opaque.setRGB(2, 1, 0xABCDEF);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(opaque, "png", png);
        RgbImage decoded = GenerationRequest.builder().portrait(png.toByteArray()).audio(new float[] {0f}, 16000)
                .build().portraitImage();
        assertThat(decoded.rgb()).containsExactly(RgbImage.of(opaque).rgb());
        assertThat(decoded.get(2, 1, 0)).isEqualTo(0xAB);
    }

    @Test
    void badInMemoryInputsAreNamed() {
        assertThatThrownBy(() -> GenerationRequest.builder().portrait(new byte[] {1, 2, 3}))
                .isInstanceOf(MediaException.class).hasMessageContaining("the portrait bytes");
        assertThatThrownBy(() -> GenerationRequest.builder().audio(new byte[0]))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("audio bytes are empty");
        assertThatThrownBy(() -> GenerationRequest.builder().audio(new float[] {0.1f}, 0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("sample rate must be positive, got 0");
        assertThatThrownBy(() -> GenerationRequest.builder().audio(new float[0], 16000))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no samples");
    }

    @Test
    void eachInputKeepsOnlyItsLastForm() {
        GenerationRequest request = GenerationRequest.builder().portrait(picture()).portrait(Path.of("face.png"))
                .audio(new byte[] {1}).audio(Path.of("speech.wav")).build();
        assertThat(request.portraitImage()).isNull();
        assertThat(request.audioData()).isNull();
        GenerationRequest inMemory = GenerationRequest.builder().audio(Path.of("speech.wav")).audio(new byte[] {1})
                .build();
        assertThat(inMemory.audio()).isNull();
        assertThat(inMemory.audioData()).isNotNull();
        assertThat(inMemory.withAudio(dir).audioData()).isNull();
        assertThat(inMemory.withAudio(dir).audio()).isEqualTo(dir);
    }

    @Test
    void pcmSamplesAreWrittenAsA16BitWavAtTheirRate() throws Exception {
        float[] samples = {0f, 0.5f, -0.5f, 1f, -1f, 1e-5f};
        Path wav = dir.resolve("speech");
        InMemoryAudio.pcm(samples, 22050).writeTo(wav);
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            AudioFormat format = in.getFormat();
            assertThat(format.getSampleRate()).isEqualTo(22050f);
            assertThat(format.getChannels()).isEqualTo(1);
            assertThat(format.getSampleSizeInBits()).isEqualTo(16);
            ByteBuffer pcm = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            short[] read = new short[samples.length];
            pcm.asShortBuffer().get(read);
            assertThat(read).containsExactly((short) 0, (short) 16384, (short) -16384, (short) 32767, (short) -32768,
                    (short) 0);
        }
    }

    @Test
    void encodedAudioIsWrittenAsGiven() throws Exception {
        byte[] bytes = {'R', 'I', 'F', 'F', 9, 8, 7};
        Path file = dir.resolve("audio");
        InMemoryAudio.encoded(bytes).writeTo(file);
        assertThat(file).hasBinaryContent(bytes);
    }
}
