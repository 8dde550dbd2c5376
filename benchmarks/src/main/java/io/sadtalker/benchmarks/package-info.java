/**
 * JMH benchmarks (render, enhance, preprocess, mel, Audio2Coeff) and the memory mains ({@code RenderSoak},
 * {@code PipelineMemory}) behind the figures in {@code benchmarks/README.md}. Not API.
 */
package io.sadtalker.benchmarks;
