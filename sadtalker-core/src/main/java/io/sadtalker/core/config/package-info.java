/**
 * Typed configuration SadTalker reads from its source tree ({@code src/config}): the facerender and audio2pose
 * yaml hyper-parameters (records with the original values as constants, and loaders for the yaml files), the
 * standard 3D landmarks of {@code similarity_Lm3D_all.mat} ({@link io.sadtalker.core.config.Lm3D}) and
 * {@code .mat} reading and writing ({@link io.sadtalker.core.config.MatFiles}).
 */
package io.sadtalker.core.config;
