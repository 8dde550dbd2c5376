package io.sadtalker.cli;

import io.sadtalker.core.pipeline.PipelineConfig;
import java.util.Iterator;

/** The enhancer names the stage providers on the class path serve: the choices of the command's options. */
final class StageNames {
    private StageNames() {
    }

    /** {@code --enhancer}'s choices. */
    static final class Enhancers implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return PipelineConfig.enhancers().iterator();
        }
    }

    /** {@code --background_enhancer}'s choices. */
    static final class BackgroundEnhancers implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return PipelineConfig.backgroundEnhancers().iterator();
        }
    }
}
