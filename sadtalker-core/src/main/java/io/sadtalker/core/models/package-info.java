/**
 * API: the official model files ({@link io.sadtalker.core.models.ModelCatalog}: addresses, digests, size caps), where
 * a checkpoint file is found ({@link io.sadtalker.core.models.CheckpointFiles}) and the resumable, digest-checked
 * {@link io.sadtalker.core.models.ModelDownloader}. Which files a configuration needs is
 * {@link io.sadtalker.core.pipeline.PipelineConfig}'s to say.
 */
package io.sadtalker.core.models;
