/**
 * API: {@link io.sadtalker.core.pipeline.TalkingHeadPipeline} (portrait + speech to video, built with its builder),
 * {@link io.sadtalker.core.pipeline.GenerationRequest}, {@link io.sadtalker.core.pipeline.PreparedPortrait}, and
 * the service-provider interface through which stage modules offer their default stages, enhancer names and
 * checkpoint files ({@link io.sadtalker.core.pipeline.StageProvider}, {@link io.sadtalker.core.pipeline.StageContext},
 * {@link io.sadtalker.core.pipeline.PipelineConfig}). The wiring classes are package-private.
 */
package io.sadtalker.core.pipeline;
