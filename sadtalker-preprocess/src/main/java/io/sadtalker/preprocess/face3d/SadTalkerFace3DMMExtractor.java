package io.sadtalker.preprocess.face3d;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.sadtalker.core.FaceCoefficients;
import io.sadtalker.core.Landmarks;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.Face3DMMExtractor;
import io.sadtalker.core.weights.SadTalkerCheckpoints;
import io.sadtalker.core.weights.SadTalkerNetwork;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The 3DMM extraction of SadTalker's {@code CropAndExtract.generate} ({@code src/utils/preprocess.py}) for one
 * frame: landmark flip ({@code y = H - 1 - y}; landmarks that are all -1, the detector's "no face", are replaced by
 * the standard points scaled to the frame), {@code align_img}, the ResNet-50 regressor {@code ReconNetWrapper} on
 * the 224 x 224 face {@code /255}, and {@code coeff_3dmm = [exp (64), angle (3), trans (3), trans_params[2:] (s, tx,
 * ty)]} beside the full 257 coefficients. Owns the network's native memory; safe for concurrent calls.
 */
public final class SadTalkerFace3DMMExtractor implements Face3DMMExtractor, AutoCloseable {
    /** Checkpoint prefix of the regressor in {@code SadTalker_V0.0.2_*.safetensors}. */
    public static final String CHECKPOINT_PREFIX = SadTalkerNetwork.FACE_3DRECON.prefix();

    private final NDManager manager;
    private final ReconNet net;
    private final float[][] lm3d;

    /** Takes ownership of {@code manager} (closed with this extractor), which holds {@code net}'s weights. */
    SadTalkerFace3DMMExtractor(ReconNet net, NDManager manager) {
        this.net = net;
        this.manager = manager;
        this.lm3d = StandardLandmarks.lm3d();
    }

    /** Loads {@code face_3drecon.*} of a SadTalker safetensors file (strict: every key under the prefix is used). */
    public static SadTalkerFace3DMMExtractor open(Path sadTalkerCheckpoint) {
        return open(SadTalkerCheckpoints.safetensors(sadTalkerCheckpoint), Device.cpu());
    }

    /**
     * Loads the regressor from {@code files} (safetensors or legacy {@code epoch_20.pth}) on {@code device};
     * closes {@code files}.
     */
    public static SadTalkerFace3DMMExtractor open(SadTalkerCheckpoints files, Device device) {
        NDManager manager = NDManager.newBaseManager(device, "PyTorch");
        try (files) {
            ReconNet net = files.weights(SadTalkerNetwork.FACE_3DRECON, manager).bind(ReconNet::load);
            return new SadTalkerFace3DMMExtractor(net, manager);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public FaceCoefficients extract(RgbImage face, Landmarks landmarks) {
        try (NDManager m = manager.newSubManager()) {
            AlignImg.Aligned aligned = AlignImg.alignImg(face, frameLandmarks(face, landmarks), lm3d, m);
            float[] full = net.forward(toInput(aligned.image(), m)).toFloatArray();
            float[] coeff = new float[FaceCoefficients.WIDTH];
            System.arraycopy(full, 80, coeff, 0, 64); // exp
            System.arraycopy(full, 224, coeff, 64, 3); // angle
            System.arraycopy(full, 254, coeff, 67, 3); // trans
            System.arraycopy(aligned.transParams(), 2, coeff, 70, 3); // s, tx, ty
            return new FaceCoefficients(1, coeff, full);
        }
    }

    /**
     * The landmarks {@code align_img} gets: flipped to y-up, or, when the detector found no face (all -1), the
     * standard points {@code (lm3d[:, :2] + 1) / 2} scaled by (W, H), as the original does.
     */
    static float[] frameLandmarks(RgbImage face, Landmarks landmarks) {
        int w = face.width();
        int h = face.height();
        float[] xy = landmarks.xy();
        if (landmarks.isNoFace()) {
            float[][] pts = StandardLandmarks.lm3d();
            float[] std = new float[pts.length * 2];
            for (int i = 0; i < pts.length; i++) {
                std[2 * i] = (pts[i][0] + 1) / 2f * w;
                std[2 * i + 1] = (pts[i][1] + 1) / 2f * h;
            }
            return std;
        }
        for (int i = 1; i < xy.length; i += 2) {
            xy[i] = h - 1 - xy[i];
        }
        return xy;
    }

    /** {@code torch.tensor(np.array(im) / 255., float32).permute(2, 0, 1).unsqueeze(0)}. */
    static NDArray toInput(RgbImage image, NDManager m) {
        NDArray hwc = m.create(ByteBuffer.wrap(image.rgb()), new Shape(image.height(), image.width(), 3),
                DataType.UINT8);
        return hwc.toType(DataType.FLOAT64, false).div(255.).toType(DataType.FLOAT32, false)
                .transpose(2, 0, 1).expandDims(0);
    }

    @Override
    public void close() {
        manager.close();
    }
}
