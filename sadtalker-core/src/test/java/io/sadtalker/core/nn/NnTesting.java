package io.sadtalker.core.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.sadtalker.core.CheckpointException;
import io.sadtalker.core.weights.TensorDType;
import io.sadtalker.core.weights.TensorInfo;
import io.sadtalker.core.weights.TensorSource;
import io.sadtalker.core.weights.Weights;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Inputs, an in-memory checkpoint and a tolerance check shared by the nn tests. */
final class NnTesting {
    private NnTesting() {
    }

    /**
     * The deterministic test tensor {@code ramp(shape, mul, mod, div)} of the reference snippets:
     * element i (row-major) is {@code ((i*mul) % mod - mod/2) / div}, in Python
     * {@code torch.tensor((((np.arange(n)*mul)%mod) - mod//2)/div, dtype=torch.float32).reshape(shape)}.
     */
    static NDArray ramp(NDManager m, int mul, int mod, double div, long... shape) {
        int n = (int) new Shape(shape).size();
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((((long) i * mul) % mod - mod / 2) / div);
        }
        return m.create(v, new Shape(shape));
    }

    /** {@code ramp(shape)} with the defaults mul=7, mod=13, div=4: the input tensors of the snippets. */
    static NDArray input(NDManager m, long... shape) {
        return ramp(m, 7, 13, 4.0, shape);
    }

    /** Asserts shape and every element within {@code atol}, naming the worst element on failure. */
    static void assertClose(NDArray actual, long[] shape, float[] expected, double atol) {
        assertThat(actual.getShape()).isEqualTo(new Shape(shape));
        float[] a = actual.toType(DataType.FLOAT32, false).toFloatArray();
        assertThat(a).hasSameSizeAs(expected);
        int worst = 0;
        double worstDiff = -1;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs(a[i] - expected[i]);
            if (!(d <= worstDiff)) {
                worstDiff = d;
                worst = i;
            }
        }
        assertThat(worstDiff)
                .as("worst element %d: expected %s, actual %s", worst, expected[worst], a[worst])
                .isLessThanOrEqualTo(atol);
    }

    /** A checkpoint of named in-memory tensors (float32, or int64 for {@code num_batches_tracked}). */
    static Weights weights(NDManager m, Map<String, NDArray> tensors) {
        return Weights.of(new MapSource(new LinkedHashMap<>(tensors)), m);
    }

    private record MapSource(Map<String, NDArray> tensors) implements TensorSource {
        @Override
        public Set<String> keys() {
            return tensors.keySet();
        }

        @Override
        public TensorInfo info(String key) {
            NDArray a = tensors.get(key);
            if (a == null) {
                throw new CheckpointException("missing " + key);
            }
            TensorDType t = a.getDataType() == DataType.INT64 ? TensorDType.I64 : TensorDType.F32;
            return new TensorInfo(key, t, a.getShape().getShape());
        }

        @Override
        public NDArray load(String key, NDManager manager) {
            NDArray a = tensors.get(key);
            return a.getDataType() == DataType.INT64
                    ? manager.create(a.toLongArray(), a.getShape())
                    : manager.create(a.toFloatArray(), a.getShape());
        }
    }
}
