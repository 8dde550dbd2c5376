package io.sadtalker.preprocess.detect;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.sadtalker.core.FaceBox;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.FaceDetector;
import io.sadtalker.core.weights.Checkpoint;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@link FaceDetector} on facexlib's RetinaFace (ResNet-50), called as SadTalker calls it:
 * {@code detect_faces(rgb_image, threshold, nms 0.4, use_origin_size=True)}. Safe for concurrent calls; holds
 * native memory until {@link #close()}.
 */
public final class RetinaFaceDetector implements FaceDetector, AutoCloseable {
    /** The score threshold SadTalker uses ({@code croper.get_landmark}, {@code extract_keypoint}). */
    public static final double SADTALKER_THRESHOLD = 0.97;
    /** {@code detect_faces}' default NMS IoU threshold. */
    public static final double NMS_THRESHOLD = 0.4;

    private final NDManager manager;
    private final RetinaFace net;
    private final double threshold;
    private final double nmsThreshold;

    /** Takes ownership of {@code manager} (which holds {@code net}'s weights) and closes it in {@link #close()}. */
    RetinaFaceDetector(RetinaFace net, NDManager manager, double threshold, double nmsThreshold) {
        this.net = net;
        this.manager = manager;
        this.threshold = threshold;
        this.nmsThreshold = nmsThreshold;
    }

    /** Loads {@code detection_Resnet50_Final.pth} with SadTalker's threshold 0.97. */
    public static RetinaFaceDetector open(Path checkpoint) {
        return open(checkpoint, SADTALKER_THRESHOLD);
    }

    /** Loads {@code detection_Resnet50_Final.pth} (or a safetensors copy) with the given score threshold. */
    public static RetinaFaceDetector open(Path checkpoint, double threshold) {
        return open(checkpoint, threshold, Device.cpu());
    }

    /** As {@link #open(Path, double)}, the network on {@code device}. */
    public static RetinaFaceDetector open(Path checkpoint, double threshold, Device device) {
        NDManager manager = NDManager.newBaseManager(device, "PyTorch");
        try (Checkpoint ckpt = Checkpoint.open(checkpoint)) {
            RetinaFace net = RetinaFace.loadStateDict(ckpt.weights(manager));
            return new RetinaFaceDetector(net, manager, threshold, NMS_THRESHOLD);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The score threshold a face must exceed. */
    public double threshold() {
        return threshold;
    }

    @Override
    public List<FaceBox> detect(RgbImage image) {
        float[][] dets = net.detectFaces(image, threshold, nmsThreshold, manager);
        return Arrays.stream(dets).map(RetinaFaceDetector::toFaceBox).toList();
    }

    static FaceBox toFaceBox(float[] row) {
        return new FaceBox(row[0], row[1], row[2], row[3], row[4], Arrays.copyOfRange(row, 5, 15));
    }

    @Override
    public void close() {
        manager.close();
    }
}
