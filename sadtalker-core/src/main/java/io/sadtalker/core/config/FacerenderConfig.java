package io.sadtalker.core.config;

import io.sadtalker.core.Preprocess;
import java.nio.file.Path;

/**
 * The {@code model_params} of SadTalker's {@code src/config/facerender.yaml} / {@code facerender_still.yaml}: the
 * hyper-parameters of the face renderer (facevid2vid keypoint detector, head-pose estimator, generator with its
 * dense-motion network) and of the MappingNet. Names follow the yaml keys.
 */
public record FacerenderConfig(CommonParams commonParams, KpDetectorParams kpDetectorParams,
                               HeEstimatorParams heEstimatorParams, GeneratorParams generatorParams,
                               MappingParams mappingParams) {

    /** {@code common_params}. */
    public record CommonParams(int numKp, int imageChannel, int featureChannel, boolean estimateJacobian) {
    }

    /** {@code kp_detector_params} (the {@code KPDetector}). */
    public record KpDetectorParams(double temperature, int blockExpansion, int maxFeatures, double scaleFactor,
                                   int numBlocks, int reshapeChannel, int reshapeDepth) {
    }

    /** {@code he_estimator_params} (the {@code HEEstimator}, in the legacy facevid2vid checkpoint only). */
    public record HeEstimatorParams(int blockExpansion, int maxFeatures, int numBins) {
    }

    /** {@code generator_params} (the {@code OcclusionAwareSPADEGenerator}). */
    public record GeneratorParams(int blockExpansion, int maxFeatures, int numDownBlocks, int reshapeChannel,
                                  int reshapeDepth, int numResblocks, boolean estimateOcclusionMap,
                                  DenseMotionParams denseMotionParams) {
    }

    /** {@code generator_params.dense_motion_params} (the {@code DenseMotionNetwork}). */
    public record DenseMotionParams(int blockExpansion, int maxFeatures, int numBlocks, int reshapeDepth,
                                    int compress) {
    }

    /** {@code mapping_params} (the {@code MappingNet}); {@code coeff_nc} is 70, or 73 for the full modes. */
    public record MappingParams(int coeffNc, int descriptorNc, int layer, int numKp, int numBins) {
    }

    /** {@code facerender.yaml}: crop, extcrop and resize modes, with {@code mapping_00229-model.pth.tar}. */
    public static final FacerenderConfig FACERENDER = defaults(70);

    /** {@code facerender_still.yaml}: full and extfull modes, with {@code mapping_00109-model.pth.tar}. */
    public static final FacerenderConfig FACERENDER_STILL = defaults(73);

    /** The config SadTalker's {@code init_path} picks for {@code preprocess} ({@code 'full' in preprocess}). */
    public static FacerenderConfig forPreprocess(Preprocess preprocess) {
        return preprocess.pastesBack() ? FACERENDER_STILL : FACERENDER;
    }

    private static FacerenderConfig defaults(int coeffNc) {
        return new FacerenderConfig(
                new CommonParams(15, 3, 32, false),
                new KpDetectorParams(0.1, 32, 1024, 0.25, 5, 16384, 16),
                new HeEstimatorParams(64, 2048, 66),
                new GeneratorParams(64, 512, 2, 32, 16, 6, true, new DenseMotionParams(32, 1024, 5, 16, 4)),
                new MappingParams(coeffNc, 1024, 3, 15, 66));
    }

    /** Reads a facerender yaml file; every value the records hold must be present. */
    public static FacerenderConfig load(Path yaml) {
        YamlNode params = YamlNode.read(yaml).child("model_params");
        YamlNode common = params.child("common_params");
        YamlNode kp = params.child("kp_detector_params");
        YamlNode he = params.child("he_estimator_params");
        YamlNode gen = params.child("generator_params");
        YamlNode dense = gen.child("dense_motion_params");
        YamlNode mapping = params.child("mapping_params");
        return new FacerenderConfig(
                new CommonParams(common.integer("num_kp"), common.integer("image_channel"),
                        common.integer("feature_channel"), common.bool("estimate_jacobian")),
                new KpDetectorParams(kp.number("temperature"), kp.integer("block_expansion"),
                        kp.integer("max_features"), kp.number("scale_factor"), kp.integer("num_blocks"),
                        kp.integer("reshape_channel"), kp.integer("reshape_depth")),
                new HeEstimatorParams(he.integer("block_expansion"), he.integer("max_features"), he.integer("num_bins")),
                new GeneratorParams(gen.integer("block_expansion"), gen.integer("max_features"),
                        gen.integer("num_down_blocks"), gen.integer("reshape_channel"), gen.integer("reshape_depth"),
                        gen.integer("num_resblocks"), gen.bool("estimate_occlusion_map"),
                        new DenseMotionParams(dense.integer("block_expansion"), dense.integer("max_features"),
                                dense.integer("num_blocks"), dense.integer("reshape_depth"), dense.integer("compress"))),
                new MappingParams(mapping.integer("coeff_nc"), mapping.integer("descriptor_nc"),
                        mapping.integer("layer"), mapping.integer("num_kp"), mapping.integer("num_bins")));
    }
}
