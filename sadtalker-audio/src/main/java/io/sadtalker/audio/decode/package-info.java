/**
 * Audio decoding: any file FFmpeg can read to 16 kHz mono float samples ({@link
 * io.sadtalker.audio.decode.FfmpegAudioDecoder}), resampled as resampy's {@code kaiser_best}, streamed to a
 * {@link io.sadtalker.audio.decode.SampleSink} or collected.
 *
 * <p>API: {@code FfmpegAudioDecoder} and {@code SampleSink}; the resampler is internal.
 */
package io.sadtalker.audio.decode;
