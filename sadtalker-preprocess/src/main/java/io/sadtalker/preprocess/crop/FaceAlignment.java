package io.sadtalker.preprocess.crop;

/**
 * What SadTalker's {@code Preprocesser.align_face} returns: {@code rsize} (the size the full picture is resized to
 * before cropping), the crop box {@code (clx, cly, crx, cry)} in that resized picture and the float quad
 * {@code (lx, ly, rx, ry)} inside the crop box.
 */
record FaceAlignment(int rsizeWidth, int rsizeHeight, int clx, int cly, int crx, int cry,
                            double lx, double ly, double rx, double ry) {
}
