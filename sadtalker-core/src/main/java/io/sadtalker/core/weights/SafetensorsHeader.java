package io.sadtalker.core.weights;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sadtalker.core.CheckpointException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON header of a safetensors file, validated against the size of the data section: known dtypes, shapes
 * whose element count does not overflow, byte ranges inside the data section that match the shape and do not
 * overlap. {@code __metadata__} is accepted and ignored; duplicate keys are rejected.
 */
final class SafetensorsHeader {
    /** Largest header accepted, whatever the file size. */
    static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

    private static final String METADATA = "__metadata__";
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** One tensor: its info and its byte range relative to the start of the data section. */
    record Entry(TensorInfo info, long begin, long end) {
    }

    private SafetensorsHeader() {
    }

    /**
     * Parses {@code json} (the header bytes) for a file whose data section is {@code dataLength} bytes long.
     *
     * @return the entries in header order
     */
    static Map<String, Entry> parse(byte[] json, long dataLength, String file) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new CheckpointException(file + ": invalid safetensors header JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot read safetensors header: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new CheckpointException(file + ": safetensors header must be a JSON object");
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (!field.getKey().equals(METADATA)) {
                entries.put(field.getKey(), entry(field.getKey(), field.getValue(), dataLength, file));
            }
        }
        checkNoOverlap(entries, file);
        return Collections.unmodifiableMap(entries);
    }

    private static Entry entry(String key, JsonNode node, long dataLength, String file) {
        String where = file + ": tensor '" + key + "'";
        if (!node.isObject()) {
            throw new CheckpointException(where + ": expected an object with dtype, shape and data_offsets");
        }
        TensorDType dtype = dtype(node.get("dtype"), where);
        long[] shape = longs(node.get("shape"), -1, where + ": shape");
        long[] offsets = longs(node.get("data_offsets"), 2, where + ": data_offsets");
        TensorInfo info = new TensorInfo(key, dtype, shape);
        long bytes;
        try {
            bytes = Math.multiplyExact(info.elementCount(), dtype.byteSize());
        } catch (ArithmeticException e) {
            throw new CheckpointException(where + ": shape " + Arrays.toString(shape) + " overflows the element count");
        }
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end || end > dataLength) {
            throw new CheckpointException(where + ": data_offsets [" + begin + ", " + end
                    + "] must satisfy 0 <= begin <= end <= " + dataLength + " (the data section size)");
        }
        if (end - begin != bytes) {
            throw new CheckpointException(where + ": data_offsets span " + (end - begin) + " bytes but "
                    + dtype + " " + Arrays.toString(shape) + " needs " + bytes);
        }
        return new Entry(info, begin, end);
    }

    private static TensorDType dtype(JsonNode node, String where) {
        if (node == null || !node.isTextual()) {
            throw new CheckpointException(where + ": missing dtype string");
        }
        try {
            return TensorDType.valueOf(node.textValue());
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(where + ": unknown dtype '" + node.textValue() + "', expected one of "
                    + Arrays.toString(TensorDType.values()));
        }
    }

    private static long[] longs(JsonNode node, int length, String where) {
        if (node == null || !node.isArray() || (length >= 0 && node.size() != length)) {
            throw new CheckpointException(where + ": expected an array of " + (length >= 0 ? length + " " : "")
                    + "non-negative integers");
        }
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
                throw new CheckpointException(where + ": element " + i + " is '" + v + "', expected a non-negative integer");
            }
            values[i] = v.longValue();
        }
        return values;
    }

    private static void checkNoOverlap(Map<String, Entry> entries, String file) {
        List<Entry> sorted = new ArrayList<>(entries.values());
        sorted.removeIf(e -> e.begin() == e.end());
        sorted.sort(Comparator.comparingLong(Entry::begin));
        for (int i = 1; i < sorted.size(); i++) {
            Entry prev = sorted.get(i - 1);
            Entry next = sorted.get(i);
            if (next.begin() < prev.end()) {
                throw new CheckpointException(file + ": tensors '" + prev.info().key() + "' [" + prev.begin() + ", "
                        + prev.end() + ") and '" + next.info().key() + "' [" + next.begin() + ", " + next.end()
                        + ") overlap");
            }
        }
    }
}
