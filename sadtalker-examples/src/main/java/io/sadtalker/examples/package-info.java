/**
 * Runnable examples of the SDK (each a {@code main}): a minimal generation, a batch over one portrait, a pipeline
 * with custom stages, a custom enhancer. Samples to copy, not API.
 */
package io.sadtalker.examples;
