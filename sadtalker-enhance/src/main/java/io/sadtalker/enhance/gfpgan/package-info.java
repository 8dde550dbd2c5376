/**
 * API: {@link io.sadtalker.enhance.gfpgan.GFPGANv1Clean}, GFPGAN's clean architecture (the network only; the
 * enhancer around it is {@link io.sadtalker.enhance.GFPGANer}). Its blocks (the U-Net ResBlock, the StyleGAN2
 * decoder's modulated convs) are internal: not API; may change without notice.
 */
package io.sadtalker.enhance.gfpgan;
