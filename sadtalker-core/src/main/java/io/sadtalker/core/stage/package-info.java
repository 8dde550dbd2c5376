/**
 * API: the stage interfaces a {@link io.sadtalker.core.pipeline.TalkingHeadPipeline} wires (face detection,
 * landmarks, crop, 3DMM, audio decoding, mel, Audio2Coeff, render, paste-back, enhancement, video decoding and
 * encoding) and the values passed between them. Implement one to replace a default stage.
 */
package io.sadtalker.core.stage;
