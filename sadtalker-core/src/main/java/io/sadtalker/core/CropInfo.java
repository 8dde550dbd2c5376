package io.sadtalker.core;

/**
 * Where the face crop sits in the original picture, as SadTalker's {@code crop_info}:
 * {@code ((ox2-ox1, oy2-oy1), (clx, cly, crx, cry), (lx, ly, rx, ry))}. {@code cropWidth}/{@code cropHeight} is
 * the size of the cropped picture; {@code clx..cry} the crop box in the (possibly shrunk) original; {@code lx..ry}
 * the float quad inside the crop that {@code align_face} returned (kept unrounded, as the original stores it).
 */
public record CropInfo(int cropWidth, int cropHeight, int clx, int cly, int crx, int cry,
                       double lx, double ly, double rx, double ry) {
}
