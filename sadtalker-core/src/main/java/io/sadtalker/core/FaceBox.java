package io.sadtalker.core;

/**
 * One detected face: box corners, detector score and five landmarks (left eye, right eye, nose, left and right
 * mouth corner) as RetinaFace returns them ({@code [x1, y1, x2, y2, score, 5 x (x, y)]}).
 */
public record FaceBox(float x1, float y1, float x2, float y2, float score, float[] landmarks5) {
    public FaceBox {
        if (landmarks5.length != 10) {
            throw new InvalidInputException("five landmarks need 10 values, got " + landmarks5.length);
        }
        landmarks5 = landmarks5.clone();
    }

    @Override
    public float[] landmarks5() {
        return landmarks5.clone();
    }

    /** Box width. */
    public float width() {
        return x2 - x1;
    }

    /** Box height. */
    public float height() {
        return y2 - y1;
    }
}
