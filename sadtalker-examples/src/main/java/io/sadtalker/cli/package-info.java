/**
 * The {@code sadtalker} command line ({@link io.sadtalker.cli.SadTalkerCli}, the jar's main class, and its
 * {@code download} and {@code verify} sub-commands). Internal apart from the command's options and exit codes: the
 * classes are not API.
 */
package io.sadtalker.cli;
