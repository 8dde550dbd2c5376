package io.sadtalker.preprocess.detect;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.sadtalker.core.FaceBox;
import io.sadtalker.core.Landmarks;
import io.sadtalker.core.MediaLimits;
import io.sadtalker.core.NoFaceDetectedException;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.FaceDetector;
import io.sadtalker.core.stage.LandmarkDetector;
import io.sadtalker.core.weights.Checkpoint;
import java.nio.file.Path;
import java.util.List;

/**
 * SadTalker's landmark step ({@code Preprocesser.get_landmark} / {@code KeypointExtractor.extract_keypoint}):
 * the first (highest-score) face of the detector, the image cut to {@code [int(y1):int(y2), int(x1):int(x2)]},
 * AWing on the cut, {@code landmark_98_to_68}, shifted back by {@code (int(x1), int(y1))}. Pictures larger than
 * {@code maxDetectionSide} are detected on a scaled-down copy and the boxes mapped back; AWing still runs on the
 * full-resolution cut. Safe for concurrent calls when the detector is; holds native memory until {@link #close()}.
 */
public final class SadTalkerLandmarkDetector implements LandmarkDetector, AutoCloseable {
    private final FaceDetector detector;
    private final AwingFan fan;
    private final NDManager manager;
    private final int maxDetectionSide;

    /**
     * Takes ownership of {@code manager} (holding {@code fan}'s weights); {@code detector} is closed with it.
     * Detection runs at most {@code maxDetectionSide} pixels wide and high.
     */
    SadTalkerLandmarkDetector(FaceDetector detector, AwingFan fan, NDManager manager, int maxDetectionSide) {
        this.detector = detector;
        this.fan = fan;
        this.manager = manager;
        this.maxDetectionSide = maxDetectionSide;
    }

    /**
     * From the official files: {@code detection_Resnet50_Final.pth} (RetinaFace, threshold 0.97) and
     * {@code alignment_WFLW_4HG.pth} (entry {@code state_dict}).
     */
    public static SadTalkerLandmarkDetector open(Path detectionCheckpoint, Path alignmentCheckpoint) {
        return open(detectionCheckpoint, alignmentCheckpoint, Device.cpu(), MediaLimits.defaults().maxDetectionSide());
    }

    /**
     * As {@link #open(Path, Path)}, both networks on {@code device}, detection at most {@code maxDetectionSide}
     * pixels wide and high ({@link MediaLimits#maxDetectionSide()}).
     */
    public static SadTalkerLandmarkDetector open(Path detectionCheckpoint, Path alignmentCheckpoint, Device device,
                                                 int maxDetectionSide) {
        RetinaFaceDetector retinaFace = RetinaFaceDetector.open(detectionCheckpoint,
                RetinaFaceDetector.SADTALKER_THRESHOLD, device);
        try {
            return open(retinaFace, alignmentCheckpoint, device, maxDetectionSide);
        } catch (RuntimeException e) {
            retinaFace.close();
            throw e;
        }
    }

    /**
     * AWing from {@code alignment_WFLW_4HG.pth} (entry {@code state_dict}) on {@code device} over {@code detector}
     * (closed with this one when it is AutoCloseable, not when this method throws), detection at most
     * {@code maxDetectionSide} pixels wide and high.
     */
    public static SadTalkerLandmarkDetector open(FaceDetector detector, Path alignmentCheckpoint, Device device,
                                                 int maxDetectionSide) {
        NDManager manager = NDManager.newBaseManager(device, "PyTorch");
        try (Checkpoint ckpt = Checkpoint.open(alignmentCheckpoint)) {
            AwingFan fan = AwingFan.loadWflw4hg(ckpt.weights(manager, "state_dict"));
            return new SadTalkerLandmarkDetector(detector, fan, manager, maxDetectionSide);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public Landmarks detect(RgbImage image) {
        return detect(image, image.toString());
    }

    /** As {@link #detect(RgbImage)}; {@code name} (file or frame) is named in the error when there is no face. */
    @Override
    public Landmarks detect(RgbImage image, String name) {
        List<FaceBox> faces = BoundedDetection.detect(detector, image, maxDetectionSide);
        if (faces.isEmpty()) {
            throw new NoFaceDetectedException("no face detected in " + name);
        }
        return landmarks(image, faces.get(0), name);
    }

    /** AWing 68 landmarks of {@code face} in image pixels. */
    public Landmarks landmarks(RgbImage image, FaceBox face, String name) {
        // Python int() truncates toward zero; the slice end is clamped to the image as numpy does. A negative
        // start would wrap around in numpy (and crash the original); it is clamped to 0 here.
        int x1 = Math.max(0, (int) face.x1());
        int y1 = Math.max(0, (int) face.y1());
        int x2 = Math.min(image.width(), (int) face.x2());
        int y2 = Math.min(image.height(), (int) face.y2());
        if (x2 <= x1 || y2 <= y1) {
            throw new NoFaceDetectedException("face box " + face + " has no pixels inside " + name);
        }
        double[] xy98 = fan.getLandmarks(image.crop(x1, y1, x2, y2), manager);
        float[] xy68 = Landmarks98To68.convert(xy98);
        for (int i = 0; i < 68; i++) {
            xy68[2 * i] += x1;
            xy68[2 * i + 1] += y1;
        }
        return new Landmarks(xy68);
    }

    @Override
    public void close() {
        manager.close();
        if (detector instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing " + detector, e);
            }
        }
    }
}
