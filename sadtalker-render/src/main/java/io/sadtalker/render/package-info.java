/**
 * SadTalker's face renderer ({@code AnimateFromCoeff}) as the SDK's render stage: {@link
 * io.sadtalker.render.SadTalkerFaceRenderer} (MappingNet, keypoint detector and SPADE generator over
 * {@code get_facerender_data}'s batches, {@link io.sadtalker.render.FaceRenderData}), the paste-back of
 * {@code paste_pic} and the mp4 writer ({@link io.sadtalker.render.VideoWriter}).
 *
 * <p>API: {@code SadTalkerFaceRenderer}, {@code FaceRenderData}, {@code PredictionFrames}, {@code VideoWriter} and the
 * stage provider; everything else is internal.
 */
package io.sadtalker.render;
