package io.sadtalker.core.pipeline;

import io.sadtalker.core.CancellationToken;
import io.sadtalker.core.FaceCoefficients;
import io.sadtalker.core.Landmarks;
import io.sadtalker.core.NoFaceDetectedException;
import io.sadtalker.core.Preprocess;
import io.sadtalker.core.ProgressListener;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.CroppedFace;
import io.sadtalker.core.stage.FrameStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SadTalker's {@code CropAndExtract.generate} ({@code src/utils/preprocess.py}) over the pipeline's stages. The crop
 * modes find the face on the full picture (the first frame of a video) and refuse a picture without a usable one;
 * {@code resize} uses the whole picture. The landmarks of the 256 (or 512) face come from
 * {@code KeypointExtractor.extract_keypoint}: where it finds no face, the previous frame's landmarks, else the "no
 * face" marker, which the 3DMM extraction replaces by the standard landmarks (the user is told). The run's
 * cancellation is checked between stage calls and per video frame.
 */
final class CropAndExtract {
    /** {@code generate}'s default {@code pic_size}, which the reference videos of {@code inference.py} use. */
    static final int REFERENCE_SIZE = 256;

    private final Stages stages;
    private final CancellationToken token;

    CropAndExtract(Stages stages, CancellationToken token) {
        this.stages = stages;
        this.token = token;
    }

    /** The source picture ({@code source_image_flag=True}); {@code landmarks}/{@code cropLandmarks} may be given. */
    PreparedPortrait portrait(RgbImage original, String source, Landmarks landmarks, Landmarks cropLandmarks,
                              Preprocess mode, int size, ProgressListener listener) {
        token.throwIfCancelled();
        listener.progress("landmark Det", 0, 1);
        Landmarks full = landmarks != null || mode == Preprocess.RESIZE ? landmarks : detect(original, source, mode);
        token.throwIfCancelled();
        CroppedFace cropped = crop(original, full, source, mode, size);
        token.throwIfCancelled();
        Landmarks inCrop = cropLandmarks;
        if (inCrop == null) {
            inCrop = detectOrNull(cropped.face(), "the face picture of " + source);
            if (inCrop == null) {
                listener.notice("no face detected in the " + size + "x" + size + " face picture of " + source
                        + ": the 3DMM coefficients are fitted to the standard landmarks");
                inCrop = Landmarks.noFace();
            }
        }
        listener.progress("landmark Det", 1, 1);
        token.throwIfCancelled();
        listener.progress("3DMM Extraction", 0, 1);
        FaceCoefficients coefficients = extract(cropped.face(), inCrop, source, mode);
        listener.progress("3DMM Extraction", 1, 1);
        token.throwIfCancelled();
        return new PreparedPortrait(original, full, cropped, inCrop, coefficients);
    }

    /**
     * The 3DMM coefficients of every frame of a reference video ({@code source_image_flag=False}, {@code pic_size}
     * 256): every frame cropped with the box of the first frame's face in {@code mode}.
     */
    FaceCoefficients video(Path video, Preprocess mode, ProgressListener listener) {
        List<float[]> rows = new ArrayList<>();
        int faceless = 0;
        try (FrameStream frames = stages.videoDecoder.open(video)) {
            Landmarks first = null;
            Landmarks previous = null;
            while (frames.hasNext()) {
                token.throwIfCancelled();
                RgbImage frame = frames.next();
                token.throwIfCancelled();
                String source = "frame " + rows.size() + " of " + video;
                if (first == null && mode != Preprocess.RESIZE) {
                    first = detect(frame, source, mode);
                    token.throwIfCancelled();
                }
                CroppedFace cropped = crop(frame, first, source, mode, REFERENCE_SIZE);
                token.throwIfCancelled();
                Landmarks inCrop = detectOrNull(cropped.face(), source);
                if (inCrop == null) {
                    faceless++;
                    inCrop = previous != null ? previous : Landmarks.noFace();
                }
                previous = inCrop;
                token.throwIfCancelled();
                rows.add(extract(cropped.face(), inCrop, source, mode).coeff73());
            }
        }
        if (faceless > 0) {
            listener.notice("no face detected in " + faceless + " of " + rows.size() + " frames of " + video
                    + ": those frames use the previous frame's landmarks (the standard landmarks before the first face)");
        }
        float[] all = new float[rows.size() * FaceCoefficients.WIDTH];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, all, i * FaceCoefficients.WIDTH, FaceCoefficients.WIDTH);
        }
        return new FaceCoefficients(rows.size(), all, null);
    }

    /** The landmarks the crop modes place the crop box with; no face is refused naming {@code source}. */
    private Landmarks detect(RgbImage image, String source, Preprocess mode) {
        try {
            return stages.landmarks.detect(image, source);
        } catch (NoFaceDetectedException e) {
            throw refused(e, source, mode);
        }
    }

    /** The cropper's result; a crop mode without a usable face is refused naming {@code source}. */
    private CroppedFace crop(RgbImage image, Landmarks landmarks, String source, Preprocess mode, int size) {
        try {
            return stages.cropper.crop(image, landmarks, mode, size);
        } catch (NoFaceDetectedException e) {
            throw refused(e, source, mode);
        }
    }

    /** The 3DMM coefficients; landmarks without a usable face (a degenerate fit) are refused naming the source. */
    private FaceCoefficients extract(RgbImage face, Landmarks landmarks, String source, Preprocess mode) {
        try {
            return stages.extractor.extract(face, landmarks);
        } catch (NoFaceDetectedException e) {
            throw refused(e, source, mode);
        }
    }

    private static NoFaceDetectedException refused(NoFaceDetectedException e, String source, Preprocess mode) {
        String hint = mode == Preprocess.RESIZE ? "" : "; --preprocess " + mode.name().toLowerCase(Locale.ROOT)
                + " needs a face, --preprocess resize animates the whole picture without one";
        return new NoFaceDetectedException(source + ": " + e.getMessage() + hint, e);
    }

    private Landmarks detectOrNull(RgbImage face, String source) {
        try {
            return stages.landmarks.detect(face, source);
        } catch (NoFaceDetectedException e) {
            return null;
        }
    }
}
