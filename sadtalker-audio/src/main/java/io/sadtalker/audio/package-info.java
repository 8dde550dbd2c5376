/**
 * The audio module's stage provider, which serves SadTalker's Audio2Coeff stage to the pipeline.
 *
 * <p>API: the provider is found through {@link java.util.ServiceLoader}; callers do not use it directly.
 */
package io.sadtalker.audio;
