package io.sadtalker.render.nets;

import ai.djl.ndarray.NDArray;

/**
 * {@link MappingNet} output (the original's {@code he} dict): head-pose bin logits {@code yaw}, {@code pitch},
 * {@code roll} (B, num_bins), translation {@code t} (B, 3), expression deltas {@code exp} (B, 3 * num_kp).
 */
public record Mapping(NDArray yaw, NDArray pitch, NDArray roll, NDArray t, NDArray exp) {
}
