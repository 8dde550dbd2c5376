/**
 * Networks shared by the preprocess stages: torchvision's ResNet-50 ({@link io.sadtalker.preprocess.nets.ResNet}),
 * RetinaFace's body and the 3DMM regressor's backbone.
 *
 * <p>Internal: not API; may change without notice.
 */
package io.sadtalker.preprocess.nets;
