package io.sadtalker.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.sadtalker.core.weights.TensorDType;
import io.sadtalker.core.weights.TensorInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A weight manifest ({@code manifests/<file>.json}, fixtures README section 2): the official file name, its
 * container ({@code safetensors} or {@code torch-zip}) and every tensor with its key, shape, dtype and init rule,
 * in {@code state_dict()} order.
 */
public record Manifest(String name, String file, String container, List<Tensor> tensors) {
    private static final Map<Path, Manifest> CACHE = new ConcurrentHashMap<>();

    public Manifest {
        tensors = List.copyOf(tensors);
    }

    /** How the values of one tensor are made (README section 1). */
    public sealed interface Init permits Uniform, Const, Values {
    }

    /** {@code {"uniform": [lo, hi]}}: the synthetic generator. */
    public record Uniform(double lo, double hi) implements Init {
    }

    /** {@code {"const": v}}: every element equals {@code value}. */
    public record Const(double value) implements Init {
    }

    /** {@code {"values": [...]}}: literal float32 values in row-major order. */
    public record Values(float[] values) implements Init {
        public Values {
            values = values.clone();
        }

        @Override
        public float[] values() {
            return values.clone();
        }
    }

    /** One manifest tensor. */
    public record Tensor(String key, long[] shape, TensorDType dtype, Init init, String module) {
        public Tensor {
            shape = shape.clone();
            if (dtype != TensorDType.F32 && dtype != TensorDType.I64) {
                throw new IllegalArgumentException("tensor '" + key + "': dtype " + dtype + " is not F32 or I64");
            }
            if (dtype == TensorDType.I64 && !(init instanceof Const)) {
                throw new IllegalArgumentException("tensor '" + key + "': I64 tensors take only a const rule, got " + init);
            }
            if (init instanceof Values v && v.values.length != elementCount(shape)) {
                throw new IllegalArgumentException("tensor '" + key + "': " + v.values.length + " values for shape "
                        + Arrays.toString(shape));
            }
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }

        /** Number of elements (1 for a scalar). */
        public long elementCount() {
            return elementCount(shape);
        }

        /** Key, dtype and shape as a {@link TensorInfo} under {@code key}. */
        public TensorInfo info(String asKey) {
            return new TensorInfo(asKey, dtype, shape);
        }

        private static long elementCount(long[] shape) {
            long n = 1;
            for (long d : shape) {
                n = Math.multiplyExact(n, d);
            }
            return n;
        }
    }

    /**
     * The manifest {@code manifests/<name>}; {@code name} is the manifest file name as in case.json
     * ({@code mapping_00229-model.pth.tar.json}) or the checkpoint file name without {@code .json}. Cached.
     */
    public static Manifest load(String name) {
        String fileName = name.endsWith(".json") ? name : name + ".json";
        return read(Fixtures.manifests().resolve(fileName));
    }

    /** Reads a manifest file (cached per path). */
    public static Manifest read(Path path) {
        return CACHE.computeIfAbsent(path.toAbsolutePath().normalize(), Manifest::parse);
    }

    /** Sum of all element counts. */
    public long elementCount() {
        return tensors.stream().mapToLong(Tensor::elementCount).sum();
    }

    private static Manifest parse(Path path) {
        JsonNode root = Json.read(path);
        List<Tensor> tensors = new ArrayList<>();
        for (JsonNode t : Json.require(root, "tensors", path)) {
            String key = Json.require(t, "key", path).asText();
            String where = path.getFileName() + " tensor '" + key + "'";
            tensors.add(new Tensor(key, Json.longs(Json.require(t, "shape", where)),
                    TensorDType.valueOf(Json.require(t, "dtype", where).asText()), init(Json.require(t, "init", where), where),
                    Json.text(t, "module")));
        }
        JsonNode count = root.get("tensor_count");
        if (count != null && count.asInt() != tensors.size()) {
            throw new IllegalStateException(path + ": tensor_count " + count.asInt() + " but " + tensors.size() + " tensors");
        }
        return new Manifest(path.getFileName().toString(), Json.require(root, "file", path).asText(),
                Json.require(root, "container", path).asText(), tensors);
    }

    private static Init init(JsonNode rule, String where) {
        if (rule.size() != 1) {
            throw new IllegalStateException(where + ": init rule must have one field, got " + rule);
        }
        if (rule.has("uniform")) {
            JsonNode b = rule.get("uniform");
            return new Uniform(b.get(0).asDouble(), b.get(1).asDouble());
        }
        if (rule.has("const")) {
            return new Const(rule.get("const").asDouble());
        }
        if (rule.has("values")) {
            JsonNode v = rule.get("values");
            float[] values = new float[v.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) v.get(i).asDouble();
            }
            return new Values(values);
        }
        throw new IllegalStateException(where + ": unknown init rule " + rule);
    }
}
