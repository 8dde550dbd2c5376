/**
 * SadTalker's 3DMM coefficient extraction: the five standard 3D landmarks of {@code load_lm3d}, {@code align_img}
 * (least-squares similarity, PIL bicubic resize to 224 x 224) and the ResNet-50 regressor {@code ReconNetWrapper}
 * producing the 257 coefficients.
 *
 * <p>API: {@link io.sadtalker.preprocess.face3d.SadTalkerFace3DMMExtractor}, a {@code Face3DMMExtractor}.
 * Everything else is internal: not API; may change without notice.
 */
package io.sadtalker.preprocess.face3d;
