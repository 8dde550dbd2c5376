package io.sadtalker.enhance;

import ai.djl.ndarray.NDManager;
import io.sadtalker.core.FaceBox;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.FaceEnhancer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link FaceEnhancer} running a {@link FaceRestoreEnhancer} flow that owns what the flow runs on: the NDManager
 * (weights and temporaries) and further resources (restorer, detector, background upsampler...), all closed with
 * it. Safe for concurrent calls when the flow is.
 */
public abstract class ManagedFaceEnhancer implements FaceEnhancer, AutoCloseable {
    private final FaceRestoreEnhancer flow;
    private final NDManager manager;
    private final List<Object> resources;

    /**
     * Takes ownership of {@code manager} and of each {@code resources} entry that is AutoCloseable (nulls and others
     * are skipped); {@link #close()} closes the resources in order, then the manager.
     */
    protected ManagedFaceEnhancer(FaceRestoreEnhancer flow, NDManager manager, Object... resources) {
        this.flow = flow;
        this.manager = manager;
        this.resources = new ArrayList<>(Arrays.asList(resources));
    }

    /** Takes ownership of one more resource (closed after the earlier ones); null is ignored. */
    final void own(Object resource) {
        resources.add(resource);
    }

    @Override
    public final RgbImage enhance(RgbImage frame) {
        return flow.enhance(frame);
    }

    @Override
    public final RgbImage enhance(RgbImage frame, long seed) {
        return flow.enhance(frame, seed);
    }

    /**
     * The flow with given detections instead of the detector's, with every intermediate (for checks and tools);
     * {@code seed} seeds the restorer's random draws.
     */
    public final FaceRestoreEnhancer.Restoration restore(RgbImage frame, List<FaceBox> faces, long seed) {
        return flow.restore(frame, faces, seed);
    }

    /** Closes every resource (each tried), then the manager; the first failure is rethrown. */
    @Override
    public final void close() {
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
