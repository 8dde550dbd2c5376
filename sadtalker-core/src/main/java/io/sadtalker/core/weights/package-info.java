/**
 * Checkpoint I/O: {@link io.sadtalker.core.weights.Checkpoint} opens safetensors and PyTorch zip files (validated,
 * memory-mapped or read lazily, pickles restricted to an allow-list of globals), and
 * {@link io.sadtalker.core.weights.Weights} binds their tensors strictly to network classes by key prefix.
 */
package io.sadtalker.core.weights;
