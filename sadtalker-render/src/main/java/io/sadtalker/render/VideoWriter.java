package io.sadtalker.render;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import io.sadtalker.core.MediaException;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.media.FfmpegInput;
import io.sadtalker.core.media.PartFiles;
import io.sadtalker.core.stage.VideoEncoder;
import java.io.IOException;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Writes frames as H.264 mp4 (yuv420p) with the driving audio as AAC, like the original's
 * {@code imageio.mimsave(fps=25)} followed by {@code save_video_with_watermark} (ffmpeg muxing of the audio cut by
 * pydub to {@code frames / fps} seconds and resampled to 16 kHz, channels kept).
 *
 * <p>Frames go straight from memory to the encoder (no temporary video, no shell); audio is decoded with FFmpeg,
 * interleaved with the frames and cut at {@code frames * 16000 / fps} samples. Everything is written to a hidden
 * temporary file beside the target that {@link Sink#commit()} moves into place; closing without commit, or any
 * failure, deletes it. H.264 in yuv420p needs even sizes: an odd width or height is rounded up to even and the
 * frame scaled by swscale (bilinear). Each {@link Sink} is for one thread; the writer itself is stateless.
 */
public final class VideoWriter implements VideoEncoder {
    /** The original cuts and resamples the audio to 16 kHz ({@code word1 = sound.set_frame_rate(16000)}). */
    public static final int AUDIO_SAMPLE_RATE = 16000;

    @Override
    public Sink open(Path target, int width, int height, double fps, Path audio) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("video size must be positive, got " + width + "x" + height);
        }
        if (!(fps > 0) || Double.isInfinite(fps)) {
            throw new IllegalArgumentException("fps must be positive, got " + fps);
        }
        avutil.av_log_set_level(AV_LOG_ERROR);
        return new Mp4Sink(target.toAbsolutePath(), width, height, fps, audio);
    }

    private static final class Mp4Sink implements Sink {
        private final Path target;
        private final int width;
        private final int height;
        private final double fps;
        private final Path tmp;
        private final ByteBuffer pixels;
        private FFmpegFrameRecorder recorder;
        private AudioFeed audio;
        private int frames;
        private boolean done;

        Mp4Sink(Path target, int width, int height, double fps, Path audioPath) {
            this.target = target;
            this.width = width;
            this.height = height;
            this.fps = fps;
            this.pixels = ByteBuffer.allocateDirect(width * height * 3);
            Path dir = target.getParent();
            try {
                this.tmp = PartFiles.create(dir, "." + target.getFileName(), ".part");
            } catch (IOException | RuntimeException e) {
                throw new MediaException("cannot write video " + target + ": " + e, e);
            }
            try {
                if (audioPath != null) {
                    audio = AudioFeed.open(audioPath);
                }
                recorder = new FFmpegFrameRecorder(tmp.toFile(), width + (width & 1), height + (height & 1),
                        audio == null ? 0 : audio.channels());
                recorder.setFormat("mp4");
                recorder.setVideoCodec(AV_CODEC_ID_H264);
                recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
                recorder.setFrameRate(fps);
                recorder.setVideoBitrate(Math.max(1_000_000, (int) Math.min(Integer.MAX_VALUE,
                        (double) width * height * fps * 0.2)));
                if (audio != null) {
                    recorder.setAudioCodec(AV_CODEC_ID_AAC);
                    recorder.setSampleRate(AUDIO_SAMPLE_RATE);
                    recorder.setAudioBitrate(128_000);
                }
                recorder.start();
            } catch (IOException | RuntimeException e) {
                discard();
                throw e instanceof MediaException m ? m
                        : new MediaException("cannot start writing video " + target + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void write(RgbImage frame) {
            if (done) {
                throw new IllegalStateException("video " + target + " is already closed");
            }
            if (frame.width() != width || frame.height() != height) {
                throw new IllegalArgumentException("frame is " + frame.width() + "x" + frame.height()
                        + ", the video " + width + "x" + height);
            }
            try {
                pixels.clear();
                pixels.put(frame.bgr()).flip();
                recorder.recordImage(width, height, Frame.DEPTH_UBYTE, 3, width * 3, AV_PIX_FMT_BGR24, pixels);
                frames++;
                if (audio != null) {
                    audio.feedUntil(samplesFor(frames), recorder);
                }
            } catch (IOException | RuntimeException e) {
                discard();
                throw new MediaException("cannot write frame " + (frames + 1) + " of video " + target + ": "
                        + e.getMessage(), e);
            }
        }

        private long samplesFor(int frameCount) {
            return Math.round(frameCount * AUDIO_SAMPLE_RATE / fps);
        }

        @Override
        public Path commit() {
            if (done) {
                throw new IllegalStateException("video " + target + " is already closed");
            }
            if (frames == 0) {
                discard();
                throw new MediaException("no frame was written to video " + target);
            }
            try {
                recorder.stop();
                recorder.release();
                recorder = null;
                if (audio != null) {
                    audio.close();
                    audio = null;
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
                done = true;
                return target;
            } catch (IOException | RuntimeException e) {
                discard();
                throw new MediaException("cannot finish video " + target + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            if (!done) {
                discard();
            }
        }

        /** Releases native resources and deletes the temporary file; never throws. */
        private void discard() {
            done = true;
            try {
                if (recorder != null) {
                    recorder.release();
                }
            } catch (IOException | RuntimeException ignored) {
                // the file is deleted below anyway
            }
            recorder = null;
            try {
                if (audio != null) {
                    audio.close();
                }
            } catch (IOException | RuntimeException ignored) {
                // nothing more to release
            }
            audio = null;
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort: a leftover hidden .part file
            }
        }
    }

    /** Decoded audio at 16 kHz fed to the recorder in order, cut at an exact sample count. */
    private static final class AudioFeed {
        private final FFmpegFrameGrabber grabber;
        private final int channels;
        private Buffer[] pending;
        private long written;

        private AudioFeed(FFmpegFrameGrabber grabber, int channels) {
            this.grabber = grabber;
            this.channels = channels;
        }

        static AudioFeed open(Path path) throws FrameGrabber.Exception {
            if (!Files.isRegularFile(path)) {
                throw new MediaException("audio file " + path + " does not exist");
            }
            FFmpegFrameGrabber grabber = FfmpegInput.grabber(path);
            grabber.setSampleRate(AUDIO_SAMPLE_RATE);
            grabber.setSampleMode(FrameGrabber.SampleMode.SHORT);
            FfmpegInput.start(grabber, path);
            if (grabber.getAudioChannels() <= 0) {
                grabber.release();
                throw new MediaException("file " + path + " has no audio stream");
            }
            return new AudioFeed(grabber, grabber.getAudioChannels());
        }

        int channels() {
            return channels;
        }

        /** Records decoded samples until {@code total} per channel have been written or the audio ends. */
        void feedUntil(long total, FFmpegFrameRecorder recorder) throws FrameGrabber.Exception,
                FFmpegFrameRecorder.Exception {
            while (written < total) {
                if (pending == null || available(pending) == 0) {
                    Frame f = grabber.grabSamples();
                    if (f == null) {
                        return;
                    }
                    if (f.samples == null) {
                        continue;
                    }
                    pending = f.samples;
                }
                int n = (int) Math.min(available(pending), total - written);
                Buffer[] chunk = new Buffer[pending.length];
                for (int i = 0; i < pending.length; i++) {
                    int elements = pending.length == 1 ? n * channels : n;
                    ShortBuffer b = (ShortBuffer) pending[i];
                    ShortBuffer copy = ShortBuffer.allocate(elements);
                    copy.put(b.duplicate().limit(b.position() + elements)).flip();
                    chunk[i] = copy;
                    b.position(b.position() + elements);
                }
                recorder.recordSamples(AUDIO_SAMPLE_RATE, channels, chunk);
                written += n;
            }
        }

        /** Samples per channel left in {@code buffers} (one interleaved buffer, or one per channel). */
        private int available(Buffer[] buffers) {
            return buffers.length == 1 ? buffers[0].remaining() / channels : buffers[0].remaining();
        }

        void close() throws FrameGrabber.Exception {
            grabber.stop();
            grabber.release();
        }
    }
}
