package io.sadtalker.core;

import java.util.Arrays;

/** Facial landmarks as (x, y) pairs in image pixels: 68 points (iBUG order) or 98 (WFLW order). */
public record Landmarks(float[] xy) {
    public Landmarks {
        if (xy.length == 0 || xy.length % 2 != 0) {
            throw new InvalidInputException("landmarks need an even, non-zero number of values, got " + xy.length);
        }
        xy = xy.clone();
    }

    /**
     * The detector's "no face" result of {@code KeypointExtractor.extract_keypoint}: 68 points at -1, which the
     * 3DMM extraction replaces by the standard landmarks.
     */
    public static Landmarks noFace() {
        float[] xy = new float[68 * 2];
        Arrays.fill(xy, -1f);
        return new Landmarks(xy);
    }

    /** Whether these are the {@link #noFace()} marker (every value -1). */
    public boolean isNoFace() {
        for (float v : xy) {
            if (v != -1f) {
                return false;
            }
        }
        return true;
    }

    /** From an (N, 2) array. */
    public static Landmarks of(float[][] points) {
        float[] xy = new float[points.length * 2];
        for (int i = 0; i < points.length; i++) {
            xy[2 * i] = points[i][0];
            xy[2 * i + 1] = points[i][1];
        }
        return new Landmarks(xy);
    }

    @Override
    public float[] xy() {
        return xy.clone();
    }

    public int count() {
        return xy.length / 2;
    }

    public float x(int i) {
        return xy[2 * i];
    }

    public float y(int i) {
        return xy[2 * i + 1];
    }
}
