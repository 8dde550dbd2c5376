package io.sadtalker.enhance.onnx;

import java.util.Map;

/**
 * How to call a face-restoration ONNX export: input and output tensor names, square face size, input
 * normalisation {@code (x/255 - mean) / std} on RGB, output range mapped to [0, 255] as {@code tensor2img(min_max)},
 * and extra scalar inputs (e.g. CodeFormer's fidelity {@code weight}), passed with the model's declared type.
 */
public record OnnxPreset(String name, String inputName, String outputName, int size, float mean, float std,
                         float outMin, float outMax, Map<String, Double> extraInputs) {
    public OnnxPreset {
        if (size < 8 || std == 0 || outMax <= outMin) {
            throw new IllegalArgumentException("invalid ONNX preset " + name + ": size " + size + ", std " + std
                    + ", output range [" + outMin + ", " + outMax + "]");
        }
        extraInputs = Map.copyOf(extraInputs);
    }

    /** GFPGAN v1.2 / v1.3 / v1.4 exports: {@code input} (1,3,512,512) in [-1, 1] -> {@code output} in [-1, 1]. */
    public static OnnxPreset gfpgan(String version) {
        return new OnnxPreset("GFPGAN-" + version, "input", "output", 512, 0.5f, 0.5f, -1f, 1f, Map.of());
    }

    /** CodeFormer: {@code input} (1,3,512,512) in [-1, 1] and the fidelity {@code weight} (0 = quality, 1 = fidelity). */
    public static OnnxPreset codeFormer(double fidelity) {
        return new OnnxPreset("CodeFormer", "input", "output", 512, 0.5f, 0.5f, -1f, 1f, Map.of("weight", fidelity));
    }

    /** GPEN-BFR at 256 or 512: {@code input} in [-1, 1] -> {@code output} in [-1, 1]. */
    public static OnnxPreset gpenBfr(int size) {
        return new OnnxPreset("GPEN-BFR-" + size, "input", "output", size, 0.5f, 0.5f, -1f, 1f, Map.of());
    }

    /** RestoreFormer++: {@code input} (1,3,512,512) in [-1, 1] -> {@code output} in [-1, 1]. */
    public static OnnxPreset restoreFormerPlusPlus() {
        return new OnnxPreset("RestoreFormer++", "input", "output", 512, 0.5f, 0.5f, -1f, 1f, Map.of());
    }
}
