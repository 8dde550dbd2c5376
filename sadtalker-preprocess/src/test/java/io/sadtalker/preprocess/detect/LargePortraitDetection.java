package io.sadtalker.preprocess.detect;

import ai.djl.Device;
import io.sadtalker.core.Landmarks;
import io.sadtalker.core.NoFaceDetectedException;
import io.sadtalker.core.image.CvResize;
import io.sadtalker.core.image.ImageFiles;
import io.sadtalker.core.image.RgbImage;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child process of {@link BoundedDetectionTest}: scales a portrait to 4000x3000, runs the landmark detector on it
 * with the given detection bound and prints the outcome and {@code VmHWM_KiB=<peak resident KiB>}.
 */
public final class LargePortraitDetection {
    private LargePortraitDetection() {
    }

    public static void main(String[] args) throws Exception {
        RgbImage photo = CvResize.linear(ImageFiles.read(Path.of(args[0])), 4000, 3000);
        try (SadTalkerLandmarkDetector detector = SadTalkerLandmarkDetector.open(Path.of(args[1]), Path.of(args[2]),
                Device.cpu(), Integer.parseInt(args[3]))) {
            Landmarks lm = detector.detect(photo, "the 4000x3000 portrait");
            System.out.println("landmark 30 at " + lm.x(30) + ", " + lm.y(30));
        } catch (NoFaceDetectedException e) {
            System.out.println(e.getMessage());
        }
        String hwm = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                .findFirst().orElseThrow().replaceAll("\\D", "");
        System.out.println("VmHWM_KiB=" + hwm);
    }
}
