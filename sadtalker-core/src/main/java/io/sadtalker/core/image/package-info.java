/**
 * Picture helpers: {@link io.sadtalker.core.image.RgbImage} (API: the SDK's picture type) and
 * {@link io.sadtalker.core.image.ImageFiles} (API: bounded decoding of picture files); the resize, tensor and OpenCV
 * conversions (the original's cv2, skimage and PIL behaviour) are shared by the stage modules and are internal: not
 * API, may change without notice.
 */
package io.sadtalker.core.image;
