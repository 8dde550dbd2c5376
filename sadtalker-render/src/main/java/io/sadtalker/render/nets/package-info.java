/**
 * The face renderer's networks, mirroring SadTalker's {@code src/facerender/modules} (facevid2vid with a SPADE
 * decoder): {@link io.sadtalker.render.nets.KPDetector}, {@link io.sadtalker.render.nets.MappingNet},
 * {@link io.sadtalker.render.nets.OcclusionAwareSPADEGenerator} and {@link io.sadtalker.render.nets.MakeAnimation},
 * each built from a checked {@link io.sadtalker.core.config.FacerenderConfig} and composed of the layers and fast
 * convolution kernels of {@code io.sadtalker.core.nn}.
 *
 * <p>API for callers that run the networks directly (benchmarks, tests): the four classes above and
 * {@link io.sadtalker.render.nets.Mapping}. Their blocks are internal: not API; may change without notice.
 */
package io.sadtalker.render.nets;
