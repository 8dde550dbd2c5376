/**
 * Face detection and landmarks: facexlib's RetinaFace (ResNet-50) and MediaPipe's BlazeFace (ONNX Runtime) as
 * {@code FaceDetector}s, and SadTalker's landmark step (first face, AWing FAN 98 landmarks reduced to 68) as a
 * {@code LandmarkDetector}; the networks' layers and post-processing (priors, decoding, NMS, heatmap decoding).
 *
 * <p>API: {@link io.sadtalker.preprocess.detect.RetinaFaceDetector},
 * {@link io.sadtalker.preprocess.detect.BlazeFaceDetector} and
 * {@link io.sadtalker.preprocess.detect.SadTalkerLandmarkDetector}. Everything else is internal: not API; may
 * change without notice.
 */
package io.sadtalker.preprocess.detect;
