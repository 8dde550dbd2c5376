package io.sadtalker.preprocess.video;

import io.sadtalker.core.MediaException;
import io.sadtalker.core.MediaLimits;
import io.sadtalker.core.media.FfmpegInput;
import io.sadtalker.core.image.ImageFiles;
import io.sadtalker.core.image.OpenCvImages;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.FrameStream;
import io.sadtalker.core.stage.VideoDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Frames of a video file read one at a time with FFmpeg, or the single frame of a picture (detected by
 * content: PNG, JPEG, BMP, GIF, TIFF, WebP), as SadTalker accepts either for {@code --source_image}. Safe for
 * concurrent {@code open} calls; each stream belongs to one thread. Videos are opened through {@link FfmpegInput}
 * (local files, accepted formats only); pictures and frames beyond {@link MediaLimits#maxImagePixels()} are refused
 * before decoding.
 */
public final class FfmpegVideoDecoder implements VideoDecoder {
    private final MediaLimits limits;

    /** A decoder within the {@link MediaLimits#defaults() default limits}. */
    public FfmpegVideoDecoder() {
        this(MediaLimits.defaults());
    }

    /** A decoder refusing pictures and frames larger than {@code limits.maxImagePixels()}. */
    public FfmpegVideoDecoder(MediaLimits limits) {
        this.limits = limits;
    }

    @Override
    public FrameStream open(Path video) {
        if (!Files.isRegularFile(video)) {
            throw new MediaException("no such file: " + video);
        }
        if (isPicture(video)) {
            return new SingleFrame(ImageFiles.read(video, limits));
        }
        return new GrabbedFrames(video, limits);
    }

    private static boolean isPicture(Path file) {
        byte[] head = new byte[12];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new MediaException("cannot read " + file + ": " + e, e);
        }
        if (n < 4) {
            return false;
        }
        int b0 = head[0] & 0xFF;
        int b1 = head[1] & 0xFF;
        return (b0 == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G')
                || (b0 == 0xFF && b1 == 0xD8)
                || (head[0] == 'B' && head[1] == 'M')
                || (head[0] == 'G' && head[1] == 'I' && head[2] == 'F')
                || (head[0] == 'I' && head[1] == 'I' && head[2] == 42) || (head[0] == 'M' && head[1] == 'M' && head[3] == 42)
                || (n >= 12 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F'
                    && head[8] == 'W' && head[9] == 'E' && head[10] == 'B' && head[11] == 'P');
    }

    /** A picture as a one-frame stream. */
    private static final class SingleFrame implements FrameStream {
        private RgbImage frame;

        SingleFrame(RgbImage frame) {
            this.frame = frame;
        }

        @Override
        public int frameCount() {
            return 1;
        }

        @Override
        public boolean hasNext() {
            return frame != null;
        }

        @Override
        public RgbImage next() {
            if (frame == null) {
                throw new NoSuchElementException();
            }
            RgbImage f = frame;
            frame = null;
            return f;
        }

        @Override
        public void close() {
            frame = null;
        }
    }

    /** Video frames decoded lazily, converted from BGR24. */
    private static final class GrabbedFrames implements FrameStream {
        private final Path file;
        private final FFmpegFrameGrabber grabber;
        private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
        private final int count;
        private RgbImage next;
        private boolean done;
        private int delivered;

        GrabbedFrames(Path file, MediaLimits limits) {
            this.file = file;
            this.grabber = FfmpegInput.grabber(file);
            grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            FfmpegInput.start(grabber, file);
            if (grabber.getImageWidth() <= 0) {
                closeQuietly();
                throw new MediaException("video " + file + " has no picture stream");
            }
            try {
                limits.checkImage(grabber.getImageWidth(), grabber.getImageHeight(), "video " + file);
            } catch (MediaException e) {
                closeQuietly();
                throw e;
            }
            count = grabber.getLengthInVideoFrames();
            advance();
            if (next == null) {
                closeQuietly();
                throw new MediaException("video " + file + " has no readable frame");
            }
        }

        private void advance() {
            next = null;
            if (done) {
                return;
            }
            try {
                org.bytedeco.javacv.Frame frame;
                while ((frame = grabber.grabImage()) != null) {
                    if (frame.image != null) {
                        Mat mat = converter.convert(frame);
                        next = OpenCvImages.fromBgrMat(mat);
                        return;
                    }
                }
                done = true;
            } catch (FrameGrabber.Exception e) {
                throw new MediaException("cannot decode frame " + delivered + " of " + file + ": " + e.getMessage(), e);
            }
        }

        @Override
        public int frameCount() {
            return count;
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public RgbImage next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            RgbImage f = next;
            delivered++;
            advance();
            return f;
        }

        @Override
        public void close() {
            closeQuietly();
        }

        private void closeQuietly() {
            try {
                grabber.close();
            } catch (FrameGrabber.Exception ignored) {
                // nothing useful to do when releasing a reader fails
            }
        }
    }
}
