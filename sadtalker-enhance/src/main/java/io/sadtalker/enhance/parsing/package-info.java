/**
 * API: {@link io.sadtalker.enhance.parsing.ParseNet}, facexlib's face-parsing network (GFPGANer's paste mask). Its
 * residual blocks are internal: not API; may change without notice.
 */
package io.sadtalker.enhance.parsing;
