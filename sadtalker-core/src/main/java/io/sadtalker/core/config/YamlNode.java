package io.sadtalker.core.config;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sadtalker.core.CheckpointException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A node of a SadTalker yaml config with typed, path-aware getters: a missing or mistyped value is a
 * {@link CheckpointException} naming the file and the dotted path (e.g. {@code model_params.common_params.num_kp}).
 */
final class YamlNode {
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    private final String file;
    private final String path;
    private final JsonNode node;

    private YamlNode(String file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    /** The document root of {@code yaml}. */
    static YamlNode read(Path yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml.toFile());
        } catch (IOException e) {
            throw new CheckpointException(yaml + ": cannot read yaml config: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new CheckpointException(yaml + ": a config must be a yaml mapping");
        }
        return new YamlNode(yaml.toString(), "", root);
    }

    /** The mapping under {@code key}. */
    YamlNode child(String key) {
        JsonNode value = require(key);
        if (!value.isObject()) {
            throw error(key, "a mapping", value);
        }
        return new YamlNode(file, where(key), value);
    }

    int integer(String key) {
        JsonNode value = require(key);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw error(key, "an integer", value);
        }
        return value.intValue();
    }

    double number(String key) {
        JsonNode value = require(key);
        if (!value.isNumber()) {
            throw error(key, "a number", value);
        }
        return value.doubleValue();
    }

    /** A boolean; Python-style {@code True}/{@code False} are accepted whether or not the parser typed them. */
    boolean bool(String key) {
        JsonNode value = require(key);
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        String text = value.isTextual() ? value.textValue().toLowerCase(Locale.ROOT) : "";
        if (text.equals("true") || text.equals("false")) {
            return text.equals("true");
        }
        throw error(key, "a boolean", value);
    }

    String text(String key) {
        JsonNode value = require(key);
        if (!value.isValueNode() || value.isNull()) {
            throw error(key, "a string", value);
        }
        return value.asText();
    }

    List<Integer> integers(String key) {
        JsonNode value = require(key);
        if (!value.isArray()) {
            throw error(key, "a list of integers", value);
        }
        List<Integer> list = new ArrayList<>();
        for (JsonNode v : value) {
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw error(key, "a list of integers", value);
            }
            list.add(v.intValue());
        }
        return List.copyOf(list);
    }

    private JsonNode require(String key) {
        JsonNode value = node.get(key);
        if (value == null) {
            throw new CheckpointException(file + ": missing '" + where(key) + "'");
        }
        return value;
    }

    private CheckpointException error(String key, String expected, JsonNode found) {
        return new CheckpointException(file + ": '" + where(key) + "' must be " + expected + ", found '" + found + "'");
    }

    private String where(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
