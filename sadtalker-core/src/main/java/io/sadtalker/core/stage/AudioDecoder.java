package io.sadtalker.core.stage;

import java.nio.file.Path;

/** Decodes an audio file to 16 kHz mono float samples as {@code librosa.core.load(path, sr=16000)}. */
public interface AudioDecoder {
    /** Samples in [-1, 1); throws {@link io.sadtalker.core.MediaException} naming the file on failure. */
    float[] decode16k(Path audio);
}
