package io.sadtalker.render.nets;

/**
 * The {@code model_params} of SadTalker's facerender.yaml that the face renderer uses: KPDetector, generator and
 * MappingNet constructor arguments. {@link #facerender()} (70 coefficients) and {@link #facerenderStill()} (73, for
 * mapping_00109 in the 'full' / still modes) are the two shipped configurations.
 */
public record AnimateConfig(KPDetector.Params kpDetector, OcclusionAwareSPADEGenerator.Params generator,
                            MappingNet.Params mapping) {
    /** facerender.yaml (mapping_00229, coeff_nc 70). */
    public static AnimateConfig facerender() {
        return new AnimateConfig(KPDetector.Params.facerender(), OcclusionAwareSPADEGenerator.Params.facerender(),
                MappingNet.Params.facerender());
    }

    /** facerender_still.yaml (mapping_00109, coeff_nc 73). */
    public static AnimateConfig facerenderStill() {
        return new AnimateConfig(KPDetector.Params.facerender(), OcclusionAwareSPADEGenerator.Params.facerender(),
                MappingNet.Params.facerenderStill());
    }
}
