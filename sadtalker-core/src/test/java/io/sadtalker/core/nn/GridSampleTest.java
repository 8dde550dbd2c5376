package io.sadtalker.core.nn;

import static io.sadtalker.core.nn.NnTesting.assertClose;
import static io.sadtalker.core.nn.NnTesting.input;
import static io.sadtalker.core.nn.NnTesting.ramp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class GridSampleTest extends ManagedArrays {
    private static final double ATOL = 1e-6;
    @Test
    void sample2dBothAlignmentsWithPointsOutside() {
        // grid values span [-1.3, 1.3]: some corners fall outside the 3x4 input and contribute zero
        NDArray x = input(m, 2, 2, 3, 4);
        NDArray grid = ramp(m, 11, 27, 10, 2, 2, 3, 2);
        assertClose(GridSample.sample2d(x, grid, true), new long[] {2, 2, 2, 3}, GRID2D_AC, ATOL);
        assertClose(GridSample.sample2d(x, grid, false), new long[] {2, 2, 2, 3}, GRID2D_NOAC, ATOL);
    }

    @Test
    void sample3dBothAlignmentsWithPointsOutside() {
        NDArray x = input(m, 1, 2, 2, 3, 4);
        NDArray grid = ramp(m, 11, 27, 10, 1, 2, 2, 3, 3);
        assertClose(GridSample.sample3d(x, grid, true), new long[] {1, 2, 2, 2, 3}, GRID3D_AC, ATOL);
        assertClose(GridSample.sample3d(x, grid, false), new long[] {1, 2, 2, 2, 3}, GRID3D_NOAC, ATOL);
    }

    @Test
    void identityGridReproducesTheInput() {
        // align_corners=True: -1 and 1 are the centres of the first and last pixels; (N, H, W, 2) grid of (x, y)
        NDArray x = input(m, 1, 2, 3, 5);
        NDArray gx = m.linspace(-1f, 1f, 5).reshape(1, 1, 5).broadcast(1, 3, 5);
        NDArray gy = m.linspace(-1f, 1f, 3).reshape(1, 3, 1).broadcast(1, 3, 5);
        NDArray grid = NDArrays.stack(new NDList(gx, gy), 3);
        assertClose(GridSample.sample2d(x, grid, true), new long[] {1, 2, 3, 5}, x.toFloatArray(), 1e-6);
    }

    @Test
    void halfwayAndFullyOutsidePoints() {
        // 1x1x2x2 input [[1, 2], [3, 4]], align_corners=False: pixel centres at -0.5 and 0.5
        NDArray x = m.create(new float[] {1, 2, 3, 4}).reshape(1, 1, 2, 2);
        NDArray grid = m.create(new float[] {
            0, 0, // the centre: mean of the four pixels
            -0.5f, 0.5f, // centre of pixel (row 1, col 0)
            -1, -0.5f, // left edge of row 0: half of pixel 1, half of the zero outside
            3, 0}).reshape(1, 1, 4, 2); // far outside: 0
        assertClose(GridSample.sample2d(x, grid, false), new long[] {1, 1, 1, 4}, new float[] {2.5f, 3, 0.5f, 0}, 1e-6);
        NDArray volume = m.create(new float[] {1, 2, 3, 4, 5, 6, 7, 8}).reshape(1, 1, 2, 2, 2);
        NDArray points = m.create(new float[] {0, 0, 0, 1, 1, 1, 0, 0, 5}).reshape(1, 1, 1, 3, 3);
        assertClose(GridSample.sample3d(volume, points, true), new long[] {1, 1, 1, 1, 3}, new float[] {4.5f, 8, 0},
                1e-6);
    }

    @Test
    void nanAndInfiniteCoordinatesSampleZero() {
        NDArray x = input(m, 1, 1, 3, 3).add(10);
        NDArray grid = m.create(new float[] {Float.NaN, 0, Float.POSITIVE_INFINITY, 0, 0, Float.NEGATIVE_INFINITY})
                .reshape(1, 1, 3, 2);
        assertClose(GridSample.sample2d(x, grid, false), new long[] {1, 1, 1, 3}, new float[] {0, 0, 0}, 0);
    }

    @Test
    void singletonAxesAndEdgeCorners() {
        // depth 1: only the z=0 plane exists; a point at the last column centre takes just that column
        NDArray volume = m.create(new float[] {1, 2, 3, 4, 5, 6}).reshape(1, 1, 1, 2, 3);
        NDArray points = m.create(new float[] {1, 1, 0, 1, -1, 0, 0, 0, 0.5f}).reshape(1, 1, 1, 3, 3);
        // align_corners=True: (x=1, y=1, z=0) -> pixel (1, 2) = 6; (1, -1, 0) -> (0, 2) = 3; (0, 0, 0.5) -> z = 0
        // (size 1), x = column 1, y = 0.5 between rows: (2 + 5) / 2
        assertClose(GridSample.sample3d(volume, points, true), new long[] {1, 1, 1, 1, 3},
                new float[] {6, 3, 3.5f}, 1e-6);
        // align_corners=False, from F.grid_sample(v, p, align_corners=False) of the same tensors: half-pixel
        // borders, z = 0 is the plane centre and z = 0.5 lies 0.25 plane past it (weight 0.75)
        assertClose(GridSample.sample3d(volume, points, false), new long[] {1, 1, 1, 1, 3},
                new float[] {1.5f, 0.75f, 2.625f}, 1e-6);
    }

    @Test
    void resultBelongsToTheGridsManager() {
        NDArray volume = input(m, 1, 2, 2, 3, 4);
        try (NDManager frame = m.newSubManager()) {
            NDArray out = GridSample.sample3d(volume, frame.zeros(new Shape(1, 1, 2, 2, 3)), true);
            assertThat(out.getManager()).isSameAs(frame);
        }
    }

    @Test
    void concurrentCallsAgreeWithASingleCall() throws Exception {
        NDArray volume = ramp(m, 5, 11, 8, 1, 3, 4, 5, 6);
        NDArray grid = ramp(m, 11, 27, 10, 1, 2, 3, 4, 3);
        float[] expected = GridSample.sample3d(volume, grid, false).toFloatArray();
        float[] gridValues = grid.toFloatArray();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<float[]>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> {
                    JniUtils.setGradMode(false);
                    try (NDManager frame = m.newSubManager()) {
                        NDArray frameGrid = frame.create(gridValues, grid.getShape());
                        return GridSample.sample3d(volume, frameGrid, false).toFloatArray();
                    }
                }));
            }
            for (Future<float[]> f : results) {
                assertThat(f.get()).containsExactly(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rejectsMismatchedGrid() {
        NDArray x = input(m, 1, 2, 3, 4);
        assertThatThrownBy(() -> GridSample.sample2d(x, input(m, 1, 2, 2, 3), true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GridSample.sample2d(x, input(m, 2, 2, 2, 2), true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // Reference values: PyTorch 1.13.1 (Debian python3-torch), CPU, float32, printed by the snippet above each
    // constant with import torch.nn.functional as F and ramp() as in NnTesting.
    // GRID2D_AC: [2, 2, 2, 3]
    // F.grid_sample(ramp((2,2,3,4)), ramp((2,2,3,2),11,27,10), mode="bilinear", padding_mode="zeros", align_corners=True)
    private static final float[] GRID2D_AC = {
                -0.605000079f, 0.387499839f, -0.860000074f, 0.725000143f, 0.299999952f, -0.849999964f, 0.220000029f,
                -0.874999881f, 0.08000011f, 0.112499833f, -0.149999946f, 0.424999982f, 0.425000072f, -0.799999833f,
                0.0199998915f, 0.675000072f, -0.887499869f, 0.330000132f, -1.06250024f, -0.600000143f, 0.310000122f,
                -0.75000006f, 0.12499997f, -0.632500231f};

    // GRID2D_NOAC: [2, 2, 2, 3]
    // F.grid_sample(ramp((2,2,3,4)), ramp((2,2,3,2),11,27,10), mode="bilinear", padding_mode="zeros", align_corners=False)
    private static final float[] GRID2D_NOAC = {
                0f, 0.332500041f, -0.144999966f, 0.400000036f, -0.100000069f, -0.299999952f, 0f, -0.831250072f,
                -0.039999973f, 0.0124999583f, 0.425000042f, 0.149999976f, 0.112500072f, -0.137499958f, -0.0100000091f,
                0.451249957f, -0.769999981f, 0f, -0.412500262f, -0.525000036f, 0.0949999318f, -0.284999996f,
                0.280000031f, 0f};

    // GRID3D_AC: [1, 2, 2, 2, 3]
    // F.grid_sample(ramp((1,2,2,3,4)), ramp((1,2,2,3,3),11,27,10), mode="bilinear", padding_mode="zeros", align_corners=True)
    private static final float[] GRID3D_AC = {
                0.178750008f, -0.0112499893f, 0.602500081f, -0.42187497f, -0.552500129f, 0.495000005f, 0.85375011f,
                0.243249997f, -0.428749889f, 0.178750008f, -0.0112499893f, 0.602500081f, 0.0591250062f, -0.236249968f,
                0.352500081f, -0.646874964f, -0.765000165f, 0.269999981f, 0.60374999f, 0.0682499856f, -0.678749919f,
                0.0591250062f, -0.236249968f, 0.352500081f};

    // GRID3D_NOAC: [1, 2, 2, 2, 3]
    // F.grid_sample(ramp((1,2,2,3,4)), ramp((1,2,2,3,3),11,27,10), mode="bilinear", padding_mode="zeros", align_corners=False)
    private static final float[] GRID3D_NOAC = {
                0f, -0.157499984f, 0.360000044f, -0.153124973f, -0.303750187f, 0.0862499923f, 0.413249969f,
                0.0067500202f, -0.647999942f, 0f, -0.157499984f, 0.360000044f, 0f, -0.232499957f, 0.247500032f,
                -0.240624994f, -0.371250212f, 0.0487499982f, 0.270749986f, -0.00575002749f, -0.827999949f, 0f,
                -0.232499957f, 0.247500032f};
}
