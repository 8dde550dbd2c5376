/**
 * SadTalker's face crop ({@code src/utils/croper.py} and the crop part of {@code CropAndExtract.generate}): the
 * FFHQ-style alignment quad from 68 landmarks, the crop in the five preprocess modes and the resized face picture.
 *
 * <p>API: {@link io.sadtalker.preprocess.crop.SadTalkerFaceCropper}, a {@code FaceCropper}. Everything else is
 * internal: not API; may change without notice.
 */
package io.sadtalker.preprocess.crop;
