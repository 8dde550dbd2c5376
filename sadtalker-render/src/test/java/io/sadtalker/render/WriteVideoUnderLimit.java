package io.sadtalker.render;

import io.sadtalker.core.MediaException;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.VideoEncoder;
import java.nio.file.Path;
import java.util.Random;

/**
 * Child process of {@link VideoWriterDiskFullTest}: writes {@code args[1]} frames of noise (incompressible) to
 * {@code args[0]}; prints the {@link MediaException} and exits 3 when writing fails, exits 0 after a commit.
 */
public final class WriteVideoUnderLimit {
    private WriteVideoUnderLimit() {
    }

    public static void main(String[] args) {
        Random random = new Random(1);
        byte[] pixels = new byte[128 * 128 * 3];
        try (VideoEncoder.Sink sink = new VideoWriter().open(Path.of(args[0]), 128, 128, 25, null)) {
            for (int i = 0; i < Integer.parseInt(args[1]); i++) {
                random.nextBytes(pixels);
                sink.write(RgbImage.wrap(128, 128, pixels.clone()));
            }
            sink.commit();
        } catch (MediaException e) {
            System.out.println("MediaException: " + e.getMessage());
            System.exit(3);
        }
        System.out.println("committed");
    }
}
