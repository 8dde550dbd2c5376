package consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.sadtalker.audio.mel.SadTalkerMelSpectrogram;
import io.sadtalker.core.MelWindows;
import io.sadtalker.core.image.ImageFiles;
import io.sadtalker.core.image.RgbImage;
import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What an application gets from the README's dependency snippet. */
class ConsumerTest {
    private static final Pattern PLATFORM = Pattern.compile(
            "-(linux|macosx|windows|android|ios|osx|win)-[a-z0-9_]+(-gpl)?\\.jar$");

    private static List<String> classPath() {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(path.split(File.pathSeparator)).map(p -> new File(p).getName()).toList();
    }

    @Test
    void oneLibtorchBuildAndOnlyLinuxX86Natives() {
        List<String> jars = classPath();
        List<String> libtorch = jars.stream().filter(j -> j.startsWith("pytorch-native-")).toList();
        assertEquals(List.of("pytorch-native-cpu-2.7.1-linux-x86_64.jar"), libtorch);
        List<String> natives = jars.stream().filter(j -> PLATFORM.matcher(j).find()).sorted().toList();
        assertEquals(List.of("ffmpeg-8.0.1-1.5.13-linux-x86_64.jar", "javacpp-1.5.13-linux-x86_64.jar",
                "openblas-0.3.31-1.5.13-linux-x86_64.jar", "opencv-4.13.0-1.5.13-linux-x86_64.jar",
                "pytorch-native-cpu-2.7.1-linux-x86_64.jar"), natives, "platform jars on the class path: " + jars);
    }

    @Test
    void theMelStageRunsOnASine() {
        float[] sine = new float[16000];
        for (int i = 0; i < sine.length; i++) {
            sine[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / 16000.0));
        }
        MelWindows mel = new SadTalkerMelSpectrogram().windows(sine);
        assertEquals(25, mel.frames()); // one second at 25 fps
        assertEquals(25 * MelWindows.MEL_BINS * MelWindows.STEPS, mel.data().length);
        assertTrue(Arrays.stream(boxed(mel.data())).allMatch(v -> v >= -4f && v <= 4f), "mel in SadTalker's [-4, 4]");
    }

    @Test
    void libtorchAndOpenCvLoad() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray x = manager.create(new float[] {1, 2, 3, 4}, new ai.djl.ndarray.types.Shape(2, 2));
            assertArrayEquals(new float[] {7, 10, 15, 22}, x.matMul(x).toFloatArray());
        }
        // a 1x1 BMP, decoded by OpenCV's imdecode through JavaCPP
        byte[] bmp = {'B', 'M', 58, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0, 40, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 24, 0,
                0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 30, 20, 10, 0};
        RgbImage image = ImageFiles.decode(bmp, "pixel.bmp");
        assertArrayEquals(new byte[] {10, 20, 30}, image.rgb());
    }

    private static Float[] boxed(float[] values) {
        Float[] out = new Float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
