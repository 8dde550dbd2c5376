package io.sadtalker.core.weights;

/**
 * A typed storage of a PyTorch zip checkpoint: {@code numel} elements of {@code dtype} in the zip entry
 * {@code entryName} ({@code <archive>/data/<key>}), read only when a tensor on it is loaded.
 */
record TorchStorage(String key, TensorDType dtype, long numel, String entryName) {
}
