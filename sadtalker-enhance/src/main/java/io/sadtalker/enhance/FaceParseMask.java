package io.sadtalker.enhance;

import static org.bytedeco.opencv.global.opencv_core.CV_64FC1;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.sadtalker.core.image.OpenCvImages;
import io.sadtalker.core.nn.Scoped;
import io.sadtalker.enhance.parsing.ParseNet;
import java.nio.DoubleBuffer;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The ParseNet paste mask of {@code paste_faces_to_input_image} ({@code use_parse=True}): parse the restored face
 * at 512, classes 0 (background), 14 (neck), 16 (cloth), 17 (hair), 18 (hat) -> 0 and all others -> 255, two
 * {@code GaussianBlur((101, 101), 11)} in float64, a 10-px zero border, /255, resized to the face size.
 * Safe for concurrent calls.
 */
final class FaceParseMask implements FaceMask {
    private static final double[] MASK_COLORMAP = {
        0, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0, 255, 0, 0, 0};
    private static final int PARSE_SIZE = 512;
    private static final int THRES = 10;

    private final ParseNet parseNet;

    FaceParseMask(ParseNet parseNet) {
        this.parseNet = parseNet;
    }

    @Override
    public double[] mask(byte[] restoredBgr, int faceSize, NDManager manager) {
        byte[] face = restoredBgr;
        if (faceSize != PARSE_SIZE) {
            try (Mat src = OpenCvImages.bgrMat(faceSize, faceSize, restoredBgr); Mat dst = new Mat()) {
                opencv_imgproc.resize(src, dst, new Size(PARSE_SIZE, PARSE_SIZE), 0, 0, opencv_imgproc.INTER_LINEAR);
                face = OpenCvImages.bytes(dst);
            }
        }
        byte[] input = face;
        double[] classes = Scoped.call(manager, scope -> {
            NDList out = parseNet.forward(FaceTensors.toInput(input, PARSE_SIZE, 0.5f, 0.5f, scope));
            NDArray argmax = out.get(0).argMax(1).squeeze(0);
            return scope.create(MASK_COLORMAP).get(argmax.toType(DataType.INT64, false)).toDoubleArray();
        });
        try (Mat m = new Mat(PARSE_SIZE, PARSE_SIZE, CV_64FC1); Mat blurred = new Mat(); Mat resized = new Mat()) {
            ((DoubleBuffer) m.createBuffer()).put(classes);
            opencv_imgproc.GaussianBlur(m, blurred, new Size(101, 101), 11);
            opencv_imgproc.GaussianBlur(blurred, m, new Size(101, 101), 11);
            double[] blurredValues = new double[PARSE_SIZE * PARSE_SIZE];
            ((DoubleBuffer) m.createBuffer()).get(blurredValues);
            double[] mask;
            try (NDManager scope = manager.newSubManager()) {
                NDArray a = scope.create(blurredValues, new Shape(PARSE_SIZE, PARSE_SIZE));
                // remove the black borders, then / 255 (numpy's division, not a multiplication by 1/255)
                a.set(new NDIndex(":{}, :", THRES), 0);
                a.set(new NDIndex("{}:, :", PARSE_SIZE - THRES), 0);
                a.set(new NDIndex(":, :{}", THRES), 0);
                a.set(new NDIndex(":, {}:", PARSE_SIZE - THRES), 0);
                mask = a.div(255.0).toDoubleArray();
            }
            if (faceSize == PARSE_SIZE) {
                return mask;
            }
            ((DoubleBuffer) m.createBuffer()).put(mask);
            opencv_imgproc.resize(m, resized, new Size(faceSize, faceSize));
            double[] out = new double[faceSize * faceSize];
            try (Mat c = resized.clone()) {
                ((DoubleBuffer) c.createBuffer()).get(out);
            }
            return out;
        }
    }
}
