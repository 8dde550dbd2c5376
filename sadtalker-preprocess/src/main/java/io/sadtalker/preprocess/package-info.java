/**
 * The preprocess stages' entry point: {@link io.sadtalker.preprocess.PreprocessStageProvider}, found by the
 * pipeline through {@code ServiceLoader}, builds the landmark detector, face cropper, 3DMM extractor and video
 * decoder of the subpackages from a pipeline configuration.
 *
 * <p>API: the provider class; its stages are reached through {@code io.sadtalker.core.stage}.
 */
package io.sadtalker.preprocess;
