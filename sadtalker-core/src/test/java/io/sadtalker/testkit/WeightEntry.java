package io.sadtalker.testkit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One element of a case's {@code weights} list: the manifest file, the container entry holding the state dict
 * (null for safetensors and bare state dicts), the manifest-key prefix of the sub-network ({@code ""} = whole
 * file) and the prefix the original loader strips from every key (null for none).
 */
public record WeightEntry(String manifest, String entry, String keyPrefix, String strip) {
    public WeightEntry {
        keyPrefix = keyPrefix == null ? "" : keyPrefix;
    }

    static WeightEntry parse(JsonNode node, Object where) {
        return new WeightEntry(Json.require(node, "manifest", where).asText(), Json.text(node, "entry"),
                Json.text(node, "key_prefix"), Json.text(node, "strip"));
    }

    /** The module's state-dict key of a manifest key: {@code key_prefix}, then {@code strip}, removed; null if outside. */
    public String localKey(String manifestKey) {
        if (!manifestKey.startsWith(keyPrefix)) {
            return null;
        }
        String k = manifestKey.substring(keyPrefix.length());
        return strip != null && k.startsWith(strip) ? k.substring(strip.length()) : k;
    }
}
