package io.sadtalker.audio.decode;

/** Receives consecutive blocks of mono samples; the array is reused after the call returns. */
@FunctionalInterface
public interface SampleSink {
    void accept(float[] samples, int offset, int length);
}
