package io.sadtalker.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One tolerance rule of case.json (fixtures README section 3): a metric and its keys. Parsing checks that the
 * metric is known and carries only its own keys (plus the explanations {@code note}, {@code unit}, {@code why}).
 */
public record ToleranceRule(String metric, JsonNode spec) {
    private static final Set<String> EXPLANATIONS = Set.of("metric", "note", "unit", "why", "slice");
    private static final Map<String, Set<String>> KEYS = Map.of(
            "max_abs", Set.of("atol", "mean_abs_max"),
            "max_abs_rel", Set.of("atol", "rtol"),
            "max_abs_u8", Set.of("atol_u8", "mean_abs_max"),
            "exact", Set.of(),
            "skip", Set.of(),
            "argmax_mismatch_fraction", Set.of("max_fraction"),
            "sliced", Set.of("slices"),
            "detections_postprocess", Set.of("atol_px", "score_atol", "count_diff"),
            "detections_end_to_end", Set.of("min_iou", "max_count_diff_fraction", "max_count_diff_min",
                    "first_atol_px", "first_score_atol", "first_min_iou"));
    private static final Map<String, Set<String>> REQUIRED = Map.of(
            "max_abs", Set.of("atol"),
            "max_abs_rel", Set.of("atol", "rtol"),
            "max_abs_u8", Set.of("atol_u8"),
            "argmax_mismatch_fraction", Set.of("max_fraction"),
            "sliced", Set.of("slices"),
            "detections_postprocess", Set.of("atol_px", "score_atol", "count_diff"),
            "detections_end_to_end", KEYS.get("detections_end_to_end"));

    /** Parses one rule object, or a list of rule objects, into a list. */
    public static List<ToleranceRule> parseAll(JsonNode node, String where) {
        List<ToleranceRule> rules = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode r : node) {
                rules.add(parse(r, where));
            }
        } else {
            rules.add(parse(node, where));
        }
        if (rules.isEmpty()) {
            throw new IllegalStateException(where + ": empty tolerance list");
        }
        return rules;
    }

    /** Parses one rule object. */
    public static ToleranceRule parse(JsonNode node, String where) {
        String metric = node.path("metric").asText(null);
        if (metric == null || !KEYS.containsKey(metric)) {
            throw new IllegalStateException(where + ": unknown tolerance metric in " + node);
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!EXPLANATIONS.contains(key) && !KEYS.get(metric).contains(key)) {
                throw new IllegalStateException(where + ": key '" + key + "' does not belong to metric " + metric);
            }
        }
        for (String key : REQUIRED.getOrDefault(metric, Set.of())) {
            if (!node.has(key)) {
                throw new IllegalStateException(where + ": metric " + metric + " needs key '" + key + "'");
            }
        }
        ToleranceRule rule = new ToleranceRule(metric, node);
        if (metric.equals("sliced")) {
            for (ToleranceRule part : rule.slices()) {
                if (part.slice() == null) {
                    throw new IllegalStateException(where + ": every rule of 'sliced' needs a slice");
                }
            }
        }
        return rule;
    }

    /** A numeric key of the rule. */
    public double value(String key) {
        JsonNode v = spec.get(key);
        if (v == null || !v.isNumber()) {
            throw new IllegalStateException("tolerance " + spec + " has no number '" + key + "'");
        }
        return v.asDouble();
    }

    /** An optional numeric key (NaN when absent). */
    public double optional(String key) {
        JsonNode v = spec.get(key);
        return v == null || v.isNull() ? Double.NaN : v.asDouble();
    }

    /** The {@code slice} of a rule inside {@code sliced} (null otherwise). */
    public NumpySlice slice() {
        JsonNode s = spec.get("slice");
        return s == null ? null : NumpySlice.parse(s.asText());
    }

    /** The sub-rules of a {@code sliced} rule. */
    public List<ToleranceRule> slices() {
        List<ToleranceRule> out = new ArrayList<>();
        for (JsonNode r : spec.path("slices")) {
            out.add(parse(r, "sliced rule " + spec));
        }
        return out;
    }

    /** The rule's keys without explanations, e.g. {@code atol 0.002, mean_abs_max 0.0002}. */
    public String describe() {
        StringBuilder sb = new StringBuilder(metric);
        String sep = " (";
        for (String key : new java.util.TreeSet<>(KEYS.get(metric))) {
            if (spec.has(key) && !key.equals("slices")) {
                sb.append(sep).append(key).append(' ').append(spec.get(key).asText());
                sep = ", ";
            }
        }
        return sep.equals(", ") ? sb.append(')').toString() : sb.toString();
    }
}
