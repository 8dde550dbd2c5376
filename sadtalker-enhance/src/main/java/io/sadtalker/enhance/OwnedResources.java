package io.sadtalker.enhance;

import ai.djl.ndarray.NDManager;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.FaceDetector;
import io.sadtalker.preprocess.detect.RetinaFaceDetector;
import java.nio.file.Path;
import java.util.List;

/** What the native enhancers own besides their flow: the RetinaFace detector they opened, extras and the manager. */
final class OwnedResources {
    private OwnedResources() {
    }

    /**
     * facexlib's detector as FaceRestoreHelper uses it: RetinaFace handed the BGR frame (which it expects). The
     * caller closes the returned detector.
     */
    static RetinaFaceDetector openRetinaFace(Path detection) {
        return RetinaFaceDetector.open(detection, RetinaFaceDetector.SADTALKER_THRESHOLD);
    }

    static FaceDetector onBgr(RetinaFaceDetector retinaFace) {
        return frame -> retinaFace.detect(RgbImage.wrap(frame.width(), frame.height(), frame.bgr()));
    }

    /** Closes every resource (nulls skipped, each tried), then the manager; the first failure is rethrown. */
    static void closeAll(List<?> resources, NDManager manager) {
        IllegalStateException failure = null;
        for (Object r : resources) {
            if (r instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    if (failure == null) {
                        failure = new IllegalStateException("closing " + c.getClass().getSimpleName() + " failed", e);
                    }
                }
            }
        }
        manager.close();
        if (failure != null) {
            throw failure;
        }
    }
}
