package io.sadtalker.spark;

import io.sadtalker.core.image.ImageFiles;
import io.sadtalker.core.image.RgbImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A segment: consecutive frames of a split video stored losslessly, as a zip of PNG pictures named by their frame
 * number, so the joined video is encoded from exactly the rendered frames.
 */
final class Segments {
    private Segments() {
    }

    /** Writes {@code frames} (numbered from {@code first}) to {@code out}, using {@code scratch} for one picture. */
    static int write(Iterator<RgbImage> frames, int first, OutputStream out, Path scratch) throws IOException {
        int count = 0;
        ZipOutputStream zip = new ZipOutputStream(out);
        Path png = scratch.resolve("frame.png");
        while (frames.hasNext()) {
            ImageFiles.write(frames.next(), png);
            zip.putNextEntry(new ZipEntry(String.format("%06d.png", first + count)));
            Files.copy(png, zip);
            zip.closeEntry();
            count++;
        }
        zip.finish();
        return count;
    }

    /** Reads a segment's frames in order into {@code sink}; {@code name} names the segment in errors. */
    static void read(InputStream in, String name, Consumer<RgbImage> sink) throws IOException {
        ZipInputStream zip = new ZipInputStream(in);
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            sink.accept(ImageFiles.decode(zip.readAllBytes(), name + "!" + entry.getName()));
        }
    }
}
