package io.sadtalker.testkit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.sadtalker.core.weights.Weights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One reference case, {@code cases/<stage>/<name>/}: its case.json, its input and expected tensors and the
 * synthetic weights of the networks it runs (fixtures README section 3).
 */
public final class FixtureCase {
    private static final Pattern PARAM_COMMENT = Pattern.compile("\\s*\\([^()]*\\)\\s*$");
    private final Path dir;
    private final JsonNode json;
    private final List<WeightEntry> weightEntries;

    private FixtureCase(Path dir, JsonNode json, List<WeightEntry> weightEntries) {
        this.dir = dir;
        this.json = json;
        this.weightEntries = List.copyOf(weightEntries);
    }

    /** Reads {@code dir/case.json}; fails when it is missing or lacks stage, name or seed fields. */
    public static FixtureCase read(Path dir) {
        Path file = dir.resolve("case.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("case directory " + dir + " has no case.json");
        }
        JsonNode json = Json.read(file);
        Json.require(json, "stage", file);
        Json.require(json, "name", file);
        List<WeightEntry> entries = new ArrayList<>();
        for (JsonNode w : json.path("weights")) {
            entries.add(WeightEntry.parse(w, file));
        }
        if (!entries.isEmpty()) {
            Json.require(json, "seed", file);
        }
        return new FixtureCase(dir, json, entries);
    }

    /** The case name, e.g. {@code mapping_00229}. */
    public String name() {
        return json.get("name").asText();
    }

    /** The stage, e.g. {@code mapping}. */
    public String stage() {
        return json.get("stage").asText();
    }

    /** The case directory. */
    public Path dir() {
        return dir;
    }

    /** The whole case.json. */
    public JsonNode json() {
        return json;
    }

    /** {@code params}: the scalar arguments of the code under test (an empty node when absent). */
    public JsonNode params() {
        return json.path("params");
    }

    /** The seed string of the synthetic weights, e.g. {@code dev-1} (null for cases without weights). */
    public String seed() {
        return Json.text(json, "seed");
    }

    /** A file of the case directory (media, extra JSON); fails when absent. */
    public Path file(String name) {
        Path f = dir.resolve(name);
        if (!Files.isRegularFile(f)) {
            throw new IllegalStateException(this + ": no file " + name);
        }
        return f;
    }

    /**
     * The file a {@code params} entry names: a path relative to the fixtures root, optionally followed by a
     * comment in parentheses (fixtures README section 3); fails when the entry or the file is missing.
     */
    public Path paramFile(String key) {
        String text = Json.require(params(), key, this + " params").asText();
        String path = PARAM_COMMENT.matcher(text).replaceFirst("").strip();
        Path f = Fixtures.root().resolve(path);
        if (path.isEmpty() || !Files.isRegularFile(f)) {
            throw new IllegalStateException(this + ": params." + key + " '" + text + "' names no file under "
                    + Fixtures.root());
        }
        return f;
    }

    /** Input tensor names, in case.json order. */
    public List<String> inputNames() {
        return names("inputs");
    }

    /** Expected tensor names, in case.json order. */
    public List<String> expectedNames() {
        return names("expected");
    }

    /** Input tensor {@code name} from inputs.safetensors (F32, I64 or U8). */
    public NDArray input(String name, NDManager manager) {
        try (SafetensorsReader r = SafetensorsReader.open(file("inputs.safetensors"))) {
            return r.load(name, manager);
        }
    }

    /** Expected tensor {@code name} from expected.safetensors (F32, I64 or U8). */
    public NDArray expected(String name, NDManager manager) {
        try (SafetensorsReader r = SafetensorsReader.open(file("expected.safetensors"))) {
            return r.load(name, manager);
        }
    }

    /** Input tensor {@code name} as exact doubles. */
    public HostTensor inputHost(String name) {
        try (SafetensorsReader r = SafetensorsReader.open(file("inputs.safetensors"))) {
            return r.host(name);
        }
    }

    /** Expected tensor {@code name} as exact doubles. */
    public HostTensor expectedHost(String name) {
        try (SafetensorsReader r = SafetensorsReader.open(file("expected.safetensors"))) {
            return r.host(name);
        }
    }

    /** The case's {@code weights} entries, one per network it runs. */
    public List<WeightEntry> weightEntries() {
        return weightEntries;
    }

    /** Synthetic weights of the case's only network; fails for cases with several (use the index overload). */
    public Weights weights(NDManager manager) {
        if (weightEntries.size() != 1) {
            throw new IllegalStateException(this + " has " + weightEntries.size()
                    + " weight entries; use weights(manager, index) with one of " + weightEntries);
        }
        return weights(manager, 0);
    }

    /** Synthetic weights of weight entry {@code index}: keys relative to its key_prefix and strip. */
    public Weights weights(NDManager manager, int index) {
        if (index < 0 || index >= weightEntries.size()) {
            throw new IndexOutOfBoundsException(this + " has " + weightEntries.size() + " weight entries, asked " + index);
        }
        return Weights.of(new SyntheticTensorSource(weightEntries.get(index), seed()), manager);
    }

    /**
     * The full synthetic checkpoint file of weight entry {@code index} in its official container and name (the
     * whole manifest, not only the entry's key_prefix), for tests that load through the SDK's checkpoint code.
     */
    public Path checkpointPath(int index) {
        if (index < 0 || index >= weightEntries.size()) {
            throw new IndexOutOfBoundsException(this + " has " + weightEntries.size() + " weight entries, asked " + index);
        }
        return SyntheticCheckpoints.path(weightEntries.get(index).manifest(), seed());
    }

    /** {@code stage/name}. */
    @Override
    public String toString() {
        return stage() + "/" + name();
    }

    private List<String> names(String field) {
        List<String> out = new ArrayList<>();
        json.path(field).fieldNames().forEachRemaining(out::add);
        return out;
    }
}
