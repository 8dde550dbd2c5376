package io.sadtalker.core.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** The {@link StageProvider}s registered on the class path, asked in class-path order. */
final class StageProviders {
    private final List<StageProvider> providers;

    private StageProviders(List<StageProvider> providers) {
        this.providers = providers;
    }

    static StageProviders load() {
        List<StageProvider> list = new ArrayList<>();
        ServiceLoader.load(StageProvider.class).forEach(list::add);
        return new StageProviders(List.copyOf(list));
    }

    /** The first provider's implementation of {@code stage}, or null when none offers it. */
    <T> T create(Class<T> stage, PipelineConfig config) {
        for (StageProvider provider : providers) {
            T made = provider.create(stage, config);
            if (made != null) {
                return made;
            }
        }
        return null;
    }
}
