package io.sadtalker.core.image;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import io.sadtalker.core.MediaException;
import io.sadtalker.core.MediaLimits;
import io.sadtalker.core.media.PartFiles;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Reads and writes image files with OpenCV, as the original's {@code cv2.imread(path)} /
 * {@code cv2.imwrite(path, img)}.
 *
 * <p>Reading uses {@code IMREAD_COLOR}, which is what SadTalker's own loaders do ({@code CropAndExtract.generate}
 * and {@code paste_pic} call {@code cv2.imread(pic_path)}): grayscale is expanded to three channels, an alpha
 * channel is dropped (no compositing), 16-bit samples are scaled to 8 bits, CMYK/YCCK JPEGs are converted by
 * libjpeg, and the EXIF orientation tag IS applied (cv2's default; PIL's {@code Image.open}, which SadTalker uses
 * only on the already-cropped png, would not rotate, but that png never carries EXIF).
 */
public final class ImageFiles {
    /** The longest side OpenCV's image decoders accept ({@code CV_IO_MAX_IMAGE_WIDTH} and {@code _HEIGHT}). */
    private static final int MAX_SIDE = 1 << 20;

    private ImageFiles() {
    }

    /** Decodes the image file at {@code path} to RGB, within the {@link MediaLimits#defaults() default limits}. */
    public static RgbImage read(Path path) {
        return read(path, MediaLimits.defaults());
    }

    /**
     * Decodes the image file at {@code path} to RGB. The file's size and the pixel size its header declares are
     * checked against {@code limits} before anything is decoded.
     */
    public static RgbImage read(Path path, MediaLimits limits) {
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            throw new MediaException("image file " + path + " is not a regular file");
        }
        byte[] encoded;
        try {
            long size = Files.size(path);
            long maxBytes = Math.min(Integer.MAX_VALUE - 8L, limits.maxImagePixels() * 4 + (16 << 20));
            if (size > maxBytes) {
                throw new MediaException("image file " + path + " is " + size + " bytes, more than a picture within"
                        + " the limit of " + limits.maxImagePixels() + " pixels can take (" + maxBytes + ")");
            }
            encoded = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new MediaException("cannot read image file " + path + ": " + e, e);
        }
        return decode(encoded, path.toString(), limits);
    }

    /** As {@link #decode(byte[], String, MediaLimits)} within the default limits. */
    public static RgbImage decode(byte[] encoded, String name) {
        return decode(encoded, name, MediaLimits.defaults());
    }

    /**
     * Decodes an encoded image (png, jpeg, bmp, gif, tiff, webp); {@code name} is used in error messages. The
     * header's pixel size is checked against {@code limits} first ({@link ImageHeader}).
     */
    public static RgbImage decode(byte[] encoded, String name, MediaLimits limits) {
        if (encoded.length == 0) {
            throw new MediaException("image file " + name + " is empty");
        }
        ImageHeader header = ImageHeader.read(encoded, name);
        limits.checkImage(header.width(), header.height(), "image file " + name);
        if (header.width() > MAX_SIDE || header.height() > MAX_SIDE) {
            throw new MediaException("image file " + name + " declares " + header.width() + "x" + header.height()
                    + ": a side over " + MAX_SIDE + " pixels, more than OpenCV decodes");
        }
        if (PngChunks.isPng(encoded)) {
            PngChunks.check(encoded, name);
        }
        try (Mat buffer = new Mat(1, encoded.length, org.bytedeco.opencv.global.opencv_core.CV_8UC1)) {
            buffer.data().put(encoded);
            try (Mat bgr = decodeBgr(buffer, name)) {
                if (bgr == null || bgr.empty()) {
                    throw new MediaException("image file " + name + " is not a readable image (unknown format or corrupt data)");
                }
                limits.checkImage(bgr.cols(), bgr.rows(), "image file " + name);
                return OpenCvImages.fromBgrMat(bgr);
            }
        }
    }

    /** OpenCV's {@code imdecode}, its own refusals (an assertion on a header it will not read) as MediaException. */
    private static Mat decodeBgr(Mat buffer, String name) {
        try {
            return imdecode(buffer, IMREAD_COLOR);
        } catch (RuntimeException e) {
            throw new MediaException("image file " + name + " cannot be decoded: " + e.getMessage(), e);
        }
    }

    /**
     * Encodes {@code image} in the format named by the file extension of {@code path} (as {@code cv2.imwrite})
     * and writes it through a temporary file beside {@code path}, moved into place on success.
     */
    public static void write(RgbImage image, Path path) {
        String fileName = path.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        if (dot < 0) {
            throw new MediaException("cannot choose an image format for " + path + ": no file extension");
        }
        String ext = fileName.substring(dot).toLowerCase(Locale.ROOT);
        byte[] encoded;
        try (Mat bgr = OpenCvImages.toBgrMat(image); BytePointer out = new BytePointer()) {
            boolean ok;
            try {
                ok = imencode(ext, bgr, out);
            } catch (RuntimeException e) {
                throw new MediaException("cannot encode " + path + " as '" + ext + "': " + e.getMessage(), e);
            }
            if (!ok) {
                throw new MediaException("cannot encode " + path + " as '" + ext + "'");
            }
            encoded = new byte[(int) out.limit()];
            out.get(encoded);
        }
        Path absolute = path.toAbsolutePath();
        Path tmp = null;
        try {
            tmp = PartFiles.create(absolute.getParent(), "." + fileName, ".part");
            Files.write(tmp, encoded);
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new MediaException("cannot write image file " + path + ": " + e, e);
        }
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp != null) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the original error is the one to report
            }
        }
    }
}
