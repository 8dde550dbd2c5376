/**
 * The native NN op library: small immutable layers ({@link io.sadtalker.core.nn.Conv1d},
 * {@link io.sadtalker.core.nn.Conv2d}, {@link io.sadtalker.core.nn.Conv3d},
 * {@link io.sadtalker.core.nn.ConvTranspose2d}, {@link io.sadtalker.core.nn.BatchNorm},
 * {@link io.sadtalker.core.nn.InstanceNorm}, {@link io.sadtalker.core.nn.GroupNorm},
 * {@link io.sadtalker.core.nn.Linear}) loaded from checkpoint scopes with PyTorch key names, and functional
 * ops ({@link io.sadtalker.core.nn.Activations}, {@link io.sadtalker.core.nn.Pooling},
 * {@link io.sadtalker.core.nn.Interpolate}, {@link io.sadtalker.core.nn.GridSample},
 * {@link io.sadtalker.core.nn.PixelShuffle}) with PyTorch semantics, on DJL NDArrays (float32, NCHW /
 * NCDHW). Results attach to the input's manager; an op's temporaries are freed before it returns. Layers are
 * immutable and every op is safe to call from several threads at once (worker threads must turn libtorch's
 * grad mode off).
 */
package io.sadtalker.core.nn;
