/**
 * SadTalker's mel spectrogram ({@code src/utils/audio.py}) and its per-frame windows:
 * {@link io.sadtalker.audio.mel.SadTalkerMelSpectrogram} with its {@link io.sadtalker.audio.mel.MelConfig}.
 *
 * <p>API: those two; the filter bank is internal.
 */
package io.sadtalker.audio.mel;
