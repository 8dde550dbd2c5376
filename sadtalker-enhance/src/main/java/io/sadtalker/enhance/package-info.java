/**
 * API: face enhancers for the pipeline's {@code --enhancer} stage. {@link io.sadtalker.enhance.GFPGANer} is GFPGAN's
 * detect / align / restore / paste-back step, made by its builder from a restorer (GFPGANv1Clean, RestoreFormer or a
 * {@link io.sadtalker.enhance.FaceRestorer} of your own, such as an ONNX export), a paste mask (ParseNet's or a
 * {@link io.sadtalker.enhance.FaceMask}), a face detector and an optional
 * {@link io.sadtalker.enhance.BackgroundUpsampler}. {@link io.sadtalker.enhance.EnhanceStageProvider} builds the
 * enhancers the pipeline selects by name. The networks live in the subpackages; the face-restore geometry and
 * paste mask here are package-private.
 */
package io.sadtalker.enhance;
