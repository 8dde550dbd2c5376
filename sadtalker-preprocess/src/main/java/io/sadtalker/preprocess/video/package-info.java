/**
 * Reading the frames of a portrait picture or a reference video with FFmpeg (local files, accepted formats only,
 * bounded by {@code MediaLimits}).
 *
 * <p>API: {@link io.sadtalker.preprocess.video.FfmpegVideoDecoder}, a {@code VideoDecoder}.
 */
package io.sadtalker.preprocess.video;
