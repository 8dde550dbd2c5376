package io.sadtalker.core.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Function;

/** The {@link StageProvider}s registered on the class path, asked in class-path order. */
final class StageProviders {
    private final List<StageProvider> providers;

    StageProviders(List<StageProvider> providers) {
        this.providers = providers;
    }

    static StageProviders load() {
        List<StageProvider> list = new ArrayList<>();
        ServiceLoader.load(StageProvider.class).forEach(list::add);
        return new StageProviders(List.copyOf(list));
    }

    /** The first provider's implementation of {@code stage}, or null when none offers it. */
    <T> T create(Class<T> stage, StageContext context) {
        for (StageProvider provider : providers) {
            T made = provider.create(stage, context);
            if (made != null) {
                return made;
            }
        }
        return null;
    }

    /** Every provider's face enhancer names, each once. */
    List<String> enhancers() {
        return union(StageProvider::enhancers);
    }

    /** Every provider's background enhancer names, each once. */
    List<String> backgroundEnhancers() {
        return union(StageProvider::backgroundEnhancers);
    }

    /** Every provider's checkpoint files for {@code config}, each once, in provider order. */
    List<String> checkpoints(PipelineConfig config) {
        return union(p -> p.checkpoints(config));
    }

    private List<String> union(Function<StageProvider, List<String>> names) {
        Set<String> all = new LinkedHashSet<>();
        providers.forEach(p -> all.addAll(names.apply(p)));
        return List.copyOf(all);
    }

    /** Whether {@code name} is one of {@code names}, ignoring case. */
    static boolean serves(List<String> names, String name) {
        return names.stream().anyMatch(name::equalsIgnoreCase);
    }
}
