package io.sadtalker.core.pipeline;

import io.sadtalker.core.CancellationToken;
import io.sadtalker.core.CropInfo;
import io.sadtalker.core.FaceCoefficients;
import io.sadtalker.core.Landmarks;
import io.sadtalker.core.MelWindows;
import io.sadtalker.core.MotionCoefficients;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.CroppedFace;
import io.sadtalker.core.stage.FaceEnhancer;
import io.sadtalker.core.stage.FrameStream;
import io.sadtalker.core.stage.VideoEncoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Instant stand-ins for every stage of a pipeline that log each stage call as it starts ("stage events", with the
 * thread that ran it), so tests can cancel during any one of them and see what ran after. Frames are 2x2 pictures
 * whose bytes carry the motion (the run's seed through Audio2Coeff's random) and the enhancer's seed; the encoder
 * keeps the frames it was given per output path.
 */
final class StubStages {
    /** One stage call: its name and the thread it ran on. */
    record Event(String name, Thread thread) {
    }

    final List<Event> events = new ArrayList<>();
    final Map<Path, List<RgbImage>> encoded = new ConcurrentHashMap<>();
    final AtomicInteger rendersRunning = new AtomicInteger();
    final AtomicInteger maxRendersRunning = new AtomicInteger();
    private final int frames;
    private volatile int cancelAt = -1;
    private volatile CancellationToken token;
    private volatile Consumer<String> onEvent = name -> { };

    StubStages(int frames) {
        this.frames = frames;
    }

    /** Cancels {@code token} during the {@code index}-th event (0-based). */
    void cancelDuring(int index, CancellationToken token) {
        this.token = token;
        this.cancelAt = index;
    }

    /** Runs {@code action} at the start of every event, on the stage's thread (e.g. to block one). */
    void onEvent(Consumer<String> action) {
        onEvent = action;
    }

    synchronized List<Event> events() {
        return List.copyOf(events);
    }

    private void event(String name) {
        synchronized (this) {
            events.add(new Event(name, Thread.currentThread()));
            if (events.size() - 1 == cancelAt) {
                token.cancel();
            }
        }
        onEvent.accept(name);
    }

    TalkingHeadPipeline.Builder builder() {
        return TalkingHeadPipeline.builder()
                .videoDecoder(path -> stream(path.getFileName().toString().startsWith("ref") ? 2 : 1,
                        i -> {
                            event("decode " + path.getFileName() + " " + i);
                            return picture((byte) i, (byte) 0);
                        }, () -> { }))
                .landmarkDetector(image -> {
                    event("landmarks");
                    return new Landmarks(new float[136]);
                })
                .cropper((image, landmarks, mode, size) -> {
                    event("crop");
                    return new CroppedFace(image, new CropInfo(2, 2, 0, 0, 2, 2, 0, 0, 2, 2));
                })
                .extractor((face, landmarks) -> {
                    event("3dmm");
                    return new FaceCoefficients(1, new float[FaceCoefficients.WIDTH], null);
                })
                .audioDecoder(audio -> {
                    event("audio decode");
                    return new float[frames * 640];
                })
                .melSpectrogram(samples -> {
                    event("mel");
                    return new MelWindows(samples.length / 640, new float[samples.length / 640 * 1280]);
                })
                .audio2Coeff((mel, source, options) -> {
                    event("audio2coeff");
                    float[] motion = new float[mel.frames() * MotionCoefficients.WIDTH];
                    for (int i = 0; i < mel.frames(); i++) {
                        motion[i * MotionCoefficients.WIDTH] = options.random().nextInt(100);
                    }
                    return new MotionCoefficients(mel.frames(), motion);
                })
                .renderer(request -> {
                    int running = rendersRunning.incrementAndGet();
                    maxRendersRunning.accumulateAndGet(running, Math::max);
                    MotionCoefficients motion = request.motion();
                    return stream(motion.frames(), i -> {
                        event("render " + i);
                        return picture((byte) motion.data()[i * MotionCoefficients.WIDTH], (byte) 0);
                    }, rendersRunning::decrementAndGet);
                })
                .paster((frame, full, cropInfo, extended) -> {
                    throw new AssertionError("crop mode pastes nothing back");
                })
                .enhancer(new FaceEnhancer() {
                    @Override
                    public RgbImage enhance(RgbImage frame) {
                        throw new AssertionError("the pipeline passes a seed");
                    }

                    @Override
                    public RgbImage enhance(RgbImage frame, long seed) {
                        event("enhance");
                        return picture(frame.rgb()[0], (byte) seed);
                    }
                })
                .encoder((target, width, height, fps, audio) -> {
                    event("encode open");
                    List<RgbImage> written = new ArrayList<>();
                    return new VideoEncoder.Sink() {
                        @Override
                        public void write(RgbImage frame) {
                            event("encode " + written.size());
                            written.add(frame);
                        }

                        @Override
                        public Path commit() {
                            event("commit");
                            encoded.put(target, written);
                            return target;
                        }

                        @Override
                        public void close() {
                        }
                    };
                });
    }

    private static RgbImage picture(byte a, byte b) {
        return RgbImage.wrap(2, 2, new byte[] {a, b, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    }

    /** A lazy stream of {@code count} frames made by {@code frame}; {@code onClose} runs once when it is closed. */
    private static FrameStream stream(int count, java.util.function.IntFunction<RgbImage> frame, Runnable onClose) {
        return new FrameStream() {
            private int next;
            private boolean closed;

            @Override
            public int frameCount() {
                return count;
            }

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public RgbImage next() {
                return frame.apply(next++);
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    onClose.run();
                }
            }
        };
    }
}
