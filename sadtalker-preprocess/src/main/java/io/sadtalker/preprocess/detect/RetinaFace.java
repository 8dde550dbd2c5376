package io.sadtalker.preprocess.detect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.nn.Conv2d;
import io.sadtalker.core.nn.ConvConfig;
import io.sadtalker.core.nn.Scoped;
import io.sadtalker.core.weights.Weights;
import io.sadtalker.preprocess.nets.ResNet;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * facexlib {@code detection/retinaface.py} {@code RetinaFace} with the ResNet-50 backbone
 * ({@code detection_Resnet50_Final.pth}): body, FPN, three SSH modules and the class / box / landmark heads.
 * Immutable after loading; {@link #forward} is safe for concurrent calls.
 */
final class RetinaFace {
    /** facexlib's BGR mean, subtracted from the image channels in the order they are given. */
    static final float[] MEAN = {104f, 117f, 123f};
    private static final int LEVELS = 3;
    /** {@code cfg_re50}: {@code in_channel}, {@code out_channel} and the anchors per position. */
    private static final int IN_CHANNEL = 256;
    private static final int OUT_CHANNEL = 256;
    private static final int ANCHORS = 2;

    private final ResNet body;
    private final FPN fpn;
    private final List<SSH> ssh;
    private final List<Conv2d> classHead;
    private final List<Conv2d> bboxHead;
    private final List<Conv2d> landmarkHead;

    /** The three heads: {@code loc} (1,P,4), {@code conf} (1,P,2) after softmax, {@code landms} (1,P,10). */
    public record Outputs(NDArray loc, NDArray conf, NDArray landms) {
    }

    private RetinaFace(ResNet body, FPN fpn, List<SSH> ssh, List<Conv2d> classHead, List<Conv2d> bboxHead,
                       List<Conv2d> landmarkHead) {
        this.body = body;
        this.fpn = fpn;
        this.ssh = ssh;
        this.classHead = classHead;
        this.bboxHead = bboxHead;
        this.landmarkHead = landmarkHead;
    }

    /**
     * Loads the state dict with keys {@code body.*}, {@code fpn.*}, ... (call {@code w.prefix("module")} first
     * when the file carries DataParallel's {@code module.} prefix; {@link RetinaFaceDetector#open} does).
     */
    static RetinaFace load(Weights w) {
        List<SSH> ssh = new ArrayList<>();
        List<Conv2d> cls = new ArrayList<>();
        List<Conv2d> box = new ArrayList<>();
        List<Conv2d> lmk = new ArrayList<>();
        for (int i = 0; i < LEVELS; i++) {
            ssh.add(SSH.load(w.prefix("ssh" + (i + 1)), OUT_CHANNEL, OUT_CHANNEL));
            cls.add(head(w.prefix("ClassHead"), i, 2));
            box.add(head(w.prefix("BboxHead"), i, 4));
            lmk.add(head(w.prefix("LandmarkHead"), i, 10));
        }
        int[] inChannelsList = {IN_CHANNEL * 2, IN_CHANNEL * 4, IN_CHANNEL * 8};
        FPN fpn = FPN.load(w.prefix("fpn"), inChannelsList, OUT_CHANNEL);
        return new RetinaFace(ResNet.resnet50(w.prefix("body")), fpn, ssh, cls, box, lmk);
    }

    /** {@code ClassHead} / {@code BboxHead} / {@code LandmarkHead} {@code i}: a 1x1 conv to anchors x width. */
    private static Conv2d head(Weights heads, int i, int width) {
        return Conv2d.load(heads.prefix(i).prefix("conv1x1"), OUT_CHANNEL, ANCHORS * width, 1, ConvConfig.DEFAULT);
    }

    /**
     * Binds a whole state dict strictly, with or without DataParallel's {@code module.} prefix (facexlib's
     * {@code init_detection_model} strips it when present).
     */
    public static RetinaFace loadStateDict(Weights root) {
        Weights w = root.contains("module.body.conv1.weight") ? root.prefix("module") : root;
        return w.bind(RetinaFace::load);
    }

    /** {@code RetinaFace.forward} (test phase) on a (1,3,H,W) float image minus {@link #MEAN}. */
    public Outputs forward(NDArray inputs) {
        NDList fpnOut = fpn.forward(body.forwardLayers(inputs, 2, 3, 4));
        NDList loc = new NDList();
        NDList conf = new NDList();
        NDList landms = new NDList();
        for (int i = 0; i < LEVELS; i++) {
            SSH module = ssh.get(i);
            NDArray level = fpnOut.get(i);
            NDArray feature = Scoped.run(() -> module.forward(level)); // frees the module's temporaries
            loc.add(head(bboxHead.get(i), feature, 4));
            conf.add(head(classHead.get(i), feature, 2));
            landms.add(head(landmarkHead.get(i), feature, 10));
        }
        return new Outputs(NDArrays.concat(loc, 1), NDArrays.concat(conf, 1).softmax(-1), NDArrays.concat(landms, 1));
    }

    /**
     * {@code RetinaFace.transform} + mean subtraction with {@code use_origin_size=True}: the HWC pixels as
     * float32 minus (104, 117, 123) in the given channel order, as (1,3,H,W). SadTalker passes an RGB array
     * where facexlib expects BGR; the channels are used as given, so this is R-104, G-117, B-123.
     */
    public static NDArray transform(RgbImage image, NDManager manager) {
        byte[] rgb = image.rgb();
        NDArray hwc = manager.create(ByteBuffer.wrap(rgb), new Shape(image.height(), image.width(), 3), DataType.UINT8)
                .toType(DataType.FLOAT32, false);
        return hwc.sub(manager.create(MEAN)).transpose(2, 0, 1).expandDims(0);
    }

    /**
     * {@code RetinaFace.detect_faces(image, conf_threshold, nms_threshold, use_origin_size=True)}: rows
     * {@code [x1, y1, x2, y2, score, 5 x (x, y)]} in image pixels, highest score first after NMS.
     */
    public float[][] detectFaces(RgbImage image, double confThreshold, double nmsThreshold, NDManager manager) {
        return Scoped.call(manager, scope -> {
            Outputs out = forward(transform(image, scope));
            float[] priors = PriorBox.forward(image.height(), image.width());
            return RetinaFacePostprocess.detections(out.loc().toFloatArray(), out.conf().toFloatArray(),
                    out.landms().toFloatArray(), priors, image.width(), image.height(), confThreshold, nmsThreshold);
        });
    }

    private static NDArray head(Conv2d conv, NDArray feature, int width) {
        NDArray out = conv.forward(feature).transpose(0, 2, 3, 1);
        return out.reshape(out.getShape().get(0), -1, width);
    }
}
