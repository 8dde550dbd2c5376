package io.sadtalker.testkit;

import io.sadtalker.core.weights.TensorDType;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a manifest's synthetic tensors as a {@code torch.save} zip ({@code <stem>/data.pkl} pickle protocol 2,
 * {@code <stem>/data/<n>} storages in string order of their keys, {@code <stem>/version} = "3\n") with the
 * top-level structure of the official file (manifest {@code layout}); state dicts are OrderedDicts with a
 * {@code _metadata} attribute. Entries the SDK never reads (optimizer states, epoch) are synthetic. The legacy
 * SadTalker files carry the values of the synthetic safetensors file ({@link LegacyCheckpoints#valueSource}).
 */
final class TorchCheckpointWriter {
    private static final Pattern DIGITS = Pattern.compile("_(\\d+)");

    /** The top-level structure of each official torch file, chosen by file-name prefix. */
    private enum Layout {
        MAPPING("mapping_"),
        PARAMS_EMA("GFPGAN", "RestoreFormer", "RealESRGAN"),
        STATE_DICT("alignment_"),
        BARE("detection_", "parsing_"),
        NET_RECON("epoch_"),
        MODEL("auido2exp_", "auido2pose_"),
        FACEVID2VID("facevid2vid_");

        private final String[] prefixes;

        Layout(String... prefixes) {
            this.prefixes = prefixes;
        }

        static Layout of(String file) {
            for (Layout l : values()) {
                for (String p : l.prefixes) {
                    if (file.startsWith(p)) {
                        return l;
                    }
                }
            }
            throw new IllegalArgumentException("no known torch.save layout for " + file);
        }
    }

    private final Manifest manifest;
    private final Map<String, Manifest.Tensor> storages = new LinkedHashMap<>();

    private TorchCheckpointWriter(Manifest manifest) {
        this.manifest = manifest;
    }

    static void write(Manifest manifest, String seed, FileChannel channel) throws IOException {
        TorchCheckpointWriter w = new TorchCheckpointWriter(manifest);
        byte[] pickle = PickleWriter.dumps(w.topLevel());
        String stem = stem(manifest.file());
        try (StoredZipWriter zip = new StoredZipWriter(channel)) {
            zip.add(stem + "/data.pkl", pickle);
            for (Map.Entry<String, Manifest.Tensor> e : new TreeMap<>(w.storages).entrySet()) {
                Manifest.Tensor t = e.getValue();
                zip.add(stem + "/data/" + e.getKey(), t.elementCount() * t.dtype().byteSize(),
                        sink -> SyntheticWeights.writeLittleEndian(seed, t, sink));
            }
            zip.add(stem + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private Object topLevel() {
        List<Manifest.Tensor> all = manifest.tensors();
        Map<String, Object> top = new LinkedHashMap<>();
        switch (Layout.of(manifest.file())) {
            case MAPPING -> {
                top.put("mapping", stateDict(all, k -> k));
                top.put("discriminator", Map.of());
                top.put("optimizer_mapping", adamState(all.size()));
                top.put("optimizer_discriminator", adamState(0));
                top.put("epoch", epoch());
            }
            case PARAMS_EMA -> top.put("params_ema", stateDict(all, k -> k));
            case STATE_DICT -> top.put("state_dict", stateDict(all, k -> k));
            case BARE -> {
                return stateDict(all, k -> k);
            }
            case NET_RECON -> {
                top.put("net_recon", stateDict(all, k -> k));
                top.put("epoch", epoch());
            }
            case MODEL -> {
                top.put("model", stateDict(all, k -> k));
                top.put("epoch", epoch());
            }
            case FACEVID2VID -> {
                Map<String, List<Manifest.Tensor>> byEntry = new LinkedHashMap<>();
                for (Manifest.Tensor t : all) {
                    byEntry.computeIfAbsent(t.key().substring(0, t.key().indexOf('.')), e -> new ArrayList<>()).add(t);
                }
                byEntry.forEach((entry, tensors) ->
                        top.put(entry, stateDict(tensors, k -> k.substring(entry.length() + 1))));
                top.put("epoch", epoch());
            }
        }
        return top;
    }

    /** An OrderedDict state dict of {@code tensors} keyed by {@code localKey}, with torch's _metadata versions. */
    private PickleWriter.OrderedDict stateDict(List<Manifest.Tensor> tensors, Function<String, String> localKey) {
        Map<String, Object> sd = new LinkedHashMap<>();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("", Map.of("version", 1));
        for (Manifest.Tensor t : tensors) {
            String key = localKey.apply(t.key());
            String storageKey = Integer.toString(storages.size());
            storages.put(storageKey, LegacyCheckpoints.isLegacy(manifest.file())
                    ? LegacyCheckpoints.valueSource(manifest.file(), t) : t);
            sd.put(key, new PickleWriter.TensorRef(t.dtype() == TensorDType.I64 ? "LongStorage" : "FloatStorage",
                    storageKey, t.shape()));
            int version = t.module() != null && t.module().contains("BatchNorm") ? 2 : 1;
            int last = key.lastIndexOf('.');
            for (int dot = key.indexOf('.'); dot >= 0 && dot < last; dot = key.indexOf('.', dot + 1)) {
                metadata.putIfAbsent(key.substring(0, dot), Map.of("version", 1));
            }
            String owner = last < 0 ? "" : key.substring(0, last);
            if (version > 1) {
                metadata.put(owner, Map.of("version", version));
            } else {
                metadata.putIfAbsent(owner, Map.of("version", 1));
            }
        }
        return new PickleWriter.OrderedDict(sd, metadata);
    }

    /** A synthetic Adam {@code state_dict()} with empty state (torch 1.13 param-group keys). */
    private static Map<String, Object> adamState(int parameterCount) {
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("lr", 2.0e-4);
        group.put("betas", PickleWriter.Tuple.of(0.5, 0.999));
        group.put("eps", 1.0e-8);
        group.put("weight_decay", 0);
        group.put("amsgrad", false);
        group.put("maximize", false);
        group.put("foreach", null);
        group.put("capturable", false);
        group.put("differentiable", false);
        group.put("fused", false);
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < parameterCount; i++) {
            params.add(i);
        }
        group.put("params", params);
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("state", Map.of());
        state.put("param_groups", List.of(group));
        return state;
    }

    /**
     * The epoch number after the first underscore of the file name ({@code mapping_00229-model.pth.tar} -> 229,
     * {@code auido2exp_00300-model.pth} -> 300, {@code epoch_20.pth} -> 20).
     */
    private int epoch() {
        Matcher m = DIGITS.matcher(manifest.file());
        if (!m.find()) {
            throw new IllegalArgumentException("no epoch number in " + manifest.file());
        }
        return Integer.parseInt(m.group(1));
    }

    /** The archive folder torch.save uses: the file name without its last extension. */
    private static String stem(String file) {
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }
}
