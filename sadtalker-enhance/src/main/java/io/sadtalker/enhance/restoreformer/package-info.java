/**
 * API: {@link io.sadtalker.enhance.restoreformer.RestoreFormer}, GFPGAN's RestoreFormer architecture (the network
 * only; the enhancer around it is {@link io.sadtalker.enhance.GFPGANer}). Its encoder, decoder, attention and
 * quantiser are internal: not API; may change without notice.
 */
package io.sadtalker.enhance.restoreformer;
