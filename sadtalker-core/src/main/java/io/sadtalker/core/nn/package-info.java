/**
 * The native NN toolkit every network composes: small immutable layers ({@link io.sadtalker.core.nn.Conv1d},
 * {@link io.sadtalker.core.nn.Conv2d}, {@link io.sadtalker.core.nn.Conv3d},
 * {@link io.sadtalker.core.nn.ConvTranspose2d}, {@link io.sadtalker.core.nn.BatchNorm},
 * {@link io.sadtalker.core.nn.InstanceNorm}, {@link io.sadtalker.core.nn.GroupNorm},
 * {@link io.sadtalker.core.nn.Linear}) loaded from checkpoint scopes with PyTorch key names and their full
 * expected shapes (a convolution can absorb the batch norm that follows it), fast exact forms of a convolution
 * ({@link io.sadtalker.core.nn.Convolution}: {@link io.sadtalker.core.nn.WinogradConv},
 * {@link io.sadtalker.core.nn.TapMapConv}, {@link io.sadtalker.core.nn.UpsampledConv},
 * {@link io.sadtalker.core.nn.BilinearUpsampledConv}, {@link io.sadtalker.core.nn.FftConv3d}), and functional ops
 * ({@link io.sadtalker.core.nn.Activations}, {@link io.sadtalker.core.nn.Pooling},
 * {@link io.sadtalker.core.nn.Interpolate}, {@link io.sadtalker.core.nn.GridSample},
 * {@link io.sadtalker.core.nn.PixelShuffle}) with PyTorch semantics, on DJL NDArrays (float32, NCHW /
 * NCDHW). Results attach to the input's manager; an op's temporaries are freed before it returns. Layers are
 * immutable and every op is safe to call from several threads at once (worker threads must turn libtorch's
 * grad mode off).
 *
 * <p>API for the SDK's modules (networks compose these classes); the package-private helpers are internal.
 */
package io.sadtalker.core.nn;
