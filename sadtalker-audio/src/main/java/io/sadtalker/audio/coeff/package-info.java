/**
 * Audio to motion coefficients, as SadTalker's {@code Audio2Coeff}: {@link io.sadtalker.audio.coeff.Audio2Exp}
 * (expression), {@link io.sadtalker.audio.coeff.Audio2Pose} (the CVAE pose decoder, built from a checked
 * {@link io.sadtalker.core.config.Audio2PoseConfig}), the eye-blink sequence and the Savitzky-Golay pose smoothing,
 * put together by {@link io.sadtalker.audio.coeff.SadTalkerAudio2Coeff}.
 *
 * <p>API: {@code SadTalkerAudio2Coeff}, {@code Audio2Exp}, {@code Audio2Pose}, {@code BlinkSequence}; the network
 * blocks are internal: not API; may change without notice.
 */
package io.sadtalker.audio.coeff;
