/**
 * API: the SDK's value types (portrait landmarks, 3DMM and motion coefficients, crop information, face boxes), its
 * exception family ({@link io.sadtalker.core.SadTalkerException} and the typed errors a caller can act on:
 * {@link io.sadtalker.core.InvalidInputException}, {@link io.sadtalker.core.MediaException},
 * {@link io.sadtalker.core.CheckpointException}, {@link io.sadtalker.core.NoFaceDetectedException},
 * {@link io.sadtalker.core.CancelledException}), cancellation, progress reporting and the media limits.
 */
package io.sadtalker.core;
