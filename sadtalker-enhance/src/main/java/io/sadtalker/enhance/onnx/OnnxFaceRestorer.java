package io.sadtalker.enhance.onnx;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.sadtalker.core.CheckpointException;
import io.sadtalker.core.SadTalkerException;
import io.sadtalker.enhance.FaceRestorer;
import io.sadtalker.enhance.FaceTensors;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A {@link FaceRestorer} on an ONNX face-restoration export run by ONNX Runtime (through DJL's OnnxRuntime engine,
 * started first). The model's inputs are checked against the {@link OnnxPreset} when it is opened. Safe for
 * concurrent calls (ONNX Runtime sessions are); holds native memory until {@link #close()}.
 */
public final class OnnxFaceRestorer implements FaceRestorer, AutoCloseable {
    private final OrtEnvironment env;
    private final OrtSession session;
    private final OnnxPreset preset;
    private final NDManager manager;
    private final Map<String, OnnxJavaType> extraTypes;

    private OnnxFaceRestorer(OrtEnvironment env, OrtSession session, OnnxPreset preset, NDManager manager,
                             Map<String, OnnxJavaType> extraTypes) {
        this.env = env;
        this.session = session;
        this.preset = preset;
        this.manager = manager;
        this.extraTypes = extraTypes;
    }

    /** Opens {@code model}; a missing file or inputs that do not match {@code preset} are CheckpointExceptions. */
    public static OnnxFaceRestorer open(Path model, OnnxPreset preset) {
        if (!Files.isRegularFile(model)) {
            throw new CheckpointException("ONNX model not found: " + model);
        }
        Engine.getEngine("OnnxRuntime"); // must start before any OrtEnvironment use
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session;
        try {
            session = env.createSession(model.toString(), new OrtSession.SessionOptions());
        } catch (OrtException e) {
            throw new CheckpointException(model + ": cannot load ONNX model: " + e.getMessage(), e);
        }
        try {
            Map<String, OnnxJavaType> extraTypes = check(model, session, preset);
            return new OnnxFaceRestorer(env, session, preset, NDManager.newBaseManager(Device.cpu(), "PyTorch"),
                    extraTypes);
        } catch (RuntimeException | OrtException e) {
            closeQuietly(session);
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new CheckpointException(model + ": cannot read ONNX model inputs: " + e.getMessage(), e);
        }
    }

    private static Map<String, OnnxJavaType> check(Path model, OrtSession session, OnnxPreset preset)
            throws OrtException {
        Map<String, NodeInfo> inputs = session.getInputInfo();
        long[] imageShape = {1, 3, preset.size(), preset.size()};
        List<String> problems = new ArrayList<>();
        TensorInfo image = tensor(inputs.get(preset.inputName()));
        if (image == null || image.type != OnnxJavaType.FLOAT || !compatible(image.getShape(), imageShape)) {
            problems.add("image input");
        }
        Map<String, OnnxJavaType> extraTypes = new HashMap<>();
        for (String extra : preset.extraInputs().keySet()) {
            TensorInfo t = tensor(inputs.get(extra));
            if (t == null || (t.type != OnnxJavaType.FLOAT && t.type != OnnxJavaType.DOUBLE)) {
                problems.add("input " + extra);
            } else {
                extraTypes.put(extra, t.type);
            }
        }
        if (inputs.size() != 1 + preset.extraInputs().size()) {
            problems.add("input count");
        }
        if (!session.getOutputInfo().containsKey(preset.outputName())) {
            problems.add("output");
        }
        if (!problems.isEmpty()) {
            StringBuilder expected = new StringBuilder(preset.inputName() + ": FLOAT " + Arrays.toString(imageShape));
            preset.extraInputs().keySet().forEach(k -> expected.append(", ").append(k).append(": FLOAT or DOUBLE scalar"));
            throw new CheckpointException(model + " does not match preset " + preset.name() + " (" + problems
                    + "): expected inputs [" + expected + "] and output " + preset.outputName() + "; the model has inputs "
                    + describe(inputs) + " and outputs " + describe(session.getOutputInfo()));
        }
        return extraTypes;
    }

    private static TensorInfo tensor(NodeInfo node) {
        return node != null && node.getInfo() instanceof TensorInfo t ? t : null;
    }

    /** Dynamic dimensions (-1) match anything. */
    private static boolean compatible(long[] actual, long[] expected) {
        if (actual.length != expected.length) {
            return false;
        }
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] >= 0 && actual[i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Map<String, NodeInfo> nodes) {
        List<String> out = new ArrayList<>();
        nodes.forEach((name, info) -> out.add(info.getInfo() instanceof TensorInfo t
                ? name + ": " + t.type + " " + Arrays.toString(t.getShape()) : name + ": " + info.getInfo()));
        return out.toString();
    }

    @Override
    public int faceSize() {
        return preset.size();
    }

    @Override
    public byte[] restore(byte[] croppedBgr, RandomGenerator random) {
        int size = preset.size();
        try (NDManager scope = manager.newSubManager()) {
            float[] input = FaceTensors.toInput(croppedBgr, size, preset.mean(), preset.std(), scope).toFloatArray();
            Map<String, OnnxTensor> feeds = new HashMap<>();
            try {
                feeds.put(preset.inputName(), OnnxTensor.createTensor(env, FloatBuffer.wrap(input),
                        new long[] {1, 3, size, size}));
                for (Map.Entry<String, Double> e : preset.extraInputs().entrySet()) {
                    feeds.put(e.getKey(), extraTypes.get(e.getKey()) == OnnxJavaType.DOUBLE
                            ? OnnxTensor.createTensor(env, DoubleBuffer.wrap(new double[] {e.getValue()}), new long[] {1})
                            : OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[] {e.getValue().floatValue()}),
                                    new long[] {1}));
                }
                try (OrtSession.Result result = session.run(feeds)) {
                    OnnxTensor out = (OnnxTensor) result.get(preset.outputName())
                            .orElseThrow(() -> new SadTalkerException("ONNX model gave no output " + preset.outputName()));
                    long[] shape = out.getInfo().getShape();
                    if (!Arrays.equals(shape, new long[] {1, 3, size, size})) {
                        throw new SadTalkerException(preset.name() + ": output " + preset.outputName() + " has shape "
                                + Arrays.toString(shape) + ", expected [1, 3, " + size + ", " + size + "]");
                    }
                    FloatBuffer fb = out.getFloatBuffer();
                    float[] values = new float[fb.remaining()];
                    fb.get(values);
                    NDArray y = scope.create(values, new ai.djl.ndarray.types.Shape(1, 3, size, size));
                    return FaceTensors.toImage(y, preset.outMin(), preset.outMax());
                }
            } catch (OrtException e) {
                throw new SadTalkerException(preset.name() + ": ONNX Runtime failed: " + e.getMessage(), e);
            } finally {
                feeds.values().forEach(OnnxTensor::close);
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(session);
        manager.close();
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            throw new SadTalkerException("closing the ONNX session failed: " + e.getMessage(), e);
        }
    }
}
