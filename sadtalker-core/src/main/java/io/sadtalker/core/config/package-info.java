/**
 * Typed configuration SadTalker reads from its source tree ({@code src/config}): the facerender and audio2pose
 * yaml hyper-parameters (records with the original values as constants, checked against the yaml files by the
 * tests, and loaders for the yaml files) from which the renderer's and Audio2Pose's networks are built, and
 * {@code .mat} reading and writing ({@link io.sadtalker.core.config.MatFiles}).
 *
 * <p>API: the public records and readers; the yaml node reader is internal.
 */
package io.sadtalker.core.config;
