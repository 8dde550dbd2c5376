/**
 * API: face restoration by ONNX exports (GFPGAN, CodeFormer, GPEN-BFR, RestoreFormer++):
 * {@link io.sadtalker.enhance.onnx.OnnxFaceRestorer} with an {@link io.sadtalker.enhance.onnx.OnnxPreset}, given to
 * {@link io.sadtalker.enhance.GFPGANer.Builder#restorer}.
 */
package io.sadtalker.enhance.onnx;
