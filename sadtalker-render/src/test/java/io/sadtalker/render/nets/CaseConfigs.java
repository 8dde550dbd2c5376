package io.sadtalker.render.nets;

import io.sadtalker.testkit.FixtureCase;

/** The network configuration a fixture case names in {@code params.config}. */
final class CaseConfigs {
    private CaseConfigs() {
    }

    static AnimateConfig of(FixtureCase c) {
        String name = c.params().path("config").asText("facerender.yaml");
        return switch (name) {
            case "facerender.yaml" -> AnimateConfig.facerender();
            case "facerender_still.yaml" -> AnimateConfig.facerenderStill();
            default -> throw new IllegalStateException(c + ": unknown config " + name);
        };
    }
}
