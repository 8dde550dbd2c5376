/**
 * API: {@link io.sadtalker.enhance.realesrgan.RealESRGANBackground}, SadTalker's Real-ESRGAN x2 background
 * upsampler. The network (BasicSR's RRDBNet and its blocks) and the tiled {@code RealESRGANer} are internal: not
 * API; may change without notice.
 */
package io.sadtalker.enhance.realesrgan;
