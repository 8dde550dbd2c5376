package io.sadtalker.core.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.sadtalker.core.CheckpointException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One state dict of a PyTorch zip checkpoint: the tensor-valued items of a pickled dict, in pickled order
 * (non-tensor items such as {@code epoch} are not weights and are left out). Tensors are read on demand.
 */
final class StateDict implements TensorSource {
    private final String name;
    private final Map<String, TorchTensor> tensors;
    private final TorchZipFile owner;

    private StateDict(String name, Map<String, TorchTensor> tensors, TorchZipFile owner) {
        this.name = name;
        this.tensors = tensors;
        this.owner = owner;
    }

    /** The tensors among the items of {@code dict}; {@code name} says where it sits in the file. */
    static StateDict of(String name, Map<?, ?> dict, TorchZipFile owner) {
        Map<String, TorchTensor> tensors = new LinkedHashMap<>();
        dict.forEach((k, v) -> {
            if (k instanceof String key && v instanceof TorchTensor t) {
                tensors.put(key, t);
            }
        });
        return new StateDict(name, Collections.unmodifiableMap(tensors), owner);
    }

    @Override
    public Set<String> keys() {
        return tensors.keySet();
    }

    @Override
    public TensorInfo info(String key) {
        return tensor(key).info(key);
    }

    @Override
    public NDArray load(String key, NDManager manager) {
        return owner.load(key, tensor(key), manager);
    }

    private TorchTensor tensor(String key) {
        TorchTensor t = tensors.get(key);
        if (t == null) {
            throw new CheckpointException(owner.file() + ": no tensor '" + key + "' in " + name);
        }
        return t;
    }
}
