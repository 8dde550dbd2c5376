package io.sadtalker.render.nets;

import io.sadtalker.core.config.FacerenderConfig;
import io.sadtalker.testkit.FixtureCase;

/** The network configuration a fixture case names in {@code params.config}. */
final class CaseConfigs {
    private CaseConfigs() {
    }

    static FacerenderConfig of(FixtureCase c) {
        String name = c.params().path("config").asText("facerender.yaml");
        return switch (name) {
            case "facerender.yaml" -> FacerenderConfig.FACERENDER;
            case "facerender_still.yaml" -> FacerenderConfig.FACERENDER_STILL;
            default -> throw new IllegalStateException(c + ": unknown config " + name);
        };
    }
}
