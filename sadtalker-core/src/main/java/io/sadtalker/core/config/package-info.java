/**
 * Typed configuration SadTalker reads from its source tree ({@code src/config}): the facerender and audio2pose
 * yaml hyper-parameters (records with the original values as constants, and loaders for the yaml files) and
 * {@code .mat} reading and writing ({@link io.sadtalker.core.config.MatFiles}).
 */
package io.sadtalker.core.config;
