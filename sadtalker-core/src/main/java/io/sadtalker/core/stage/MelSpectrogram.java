package io.sadtalker.core.stage;

import io.sadtalker.core.MelWindows;

/** SadTalker's mel spectrogram and its per-video-frame windows ({@code audio.melspectrogram} + {@code get_data}). */
public interface MelSpectrogram {
    /** Windows for 16 kHz mono samples; the frame count is {@code int(len / 640)}. */
    MelWindows windows(float[] samples16k);
}
