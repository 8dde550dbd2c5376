package io.sadtalker.benchmarks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.sadtalker.core.GradMode;
import io.sadtalker.core.NativeMemory;
import io.sadtalker.core.config.FacerenderConfig;
import io.sadtalker.core.weights.Checkpoint;
import io.sadtalker.core.weights.Weights;
import io.sadtalker.render.nets.KPDetector;
import io.sadtalker.render.nets.MakeAnimation;
import io.sadtalker.render.nets.MappingNet;
import io.sadtalker.render.nets.OcclusionAwareSPADEGenerator;
import io.sadtalker.testkit.SyntheticCheckpoints;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The render hot loop at 256: one operation is one rendered frame (MappingNet, keypoint transformation and the
 * OcclusionAwareSPADEGenerator forward), with synthetic full-size weights (the same compute as the real ones).
 * {@code cached*}: source-only work (canonical/source keypoints, appearance feature volume) done once per request,
 * as the SDK does; {@code uncached}: redone for every frame, as the original does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class RenderBenchmark {
    private static final String SEED = "bench";

    private NDManager manager;
    private MakeAnimation animation;
    private MakeAnimation.Source source;
    private NDArray sourceImage;
    private NDArray sourceSemantics;
    private NDArray target1;
    private NDArray target2;

    @Setup(Level.Trial)
    public void load() {
        NativeMemory.configure(); // as SadTalkerFaceRenderer.load does
        GradMode.disableForThisThread();
        manager = NDManager.newBaseManager();
        FacerenderConfig config = FacerenderConfig.FACERENDER;
        try (Checkpoint models = Checkpoint.open(SyntheticCheckpoints.path("SadTalker_V0.0.2_256.safetensors.json", SEED));
             Checkpoint map = Checkpoint.open(SyntheticCheckpoints.path("mapping_00229-model.pth.tar.json", SEED))) {
            Weights w = models.weights(manager);
            KPDetector kp = w.prefix("kp_extractor").bind(x -> KPDetector.load(x, config));
            OcclusionAwareSPADEGenerator generator = w.prefix("generator")
                    .bind(x -> OcclusionAwareSPADEGenerator.load(x, config));
            MappingNet mapping = map.weights(manager, "mapping").bind(x -> MappingNet.load(x, config.mappingParams()));
            animation = new MakeAnimation(kp, mapping, generator);
        }
        manager.getEngine().setRandomSeed(1);
        sourceImage = manager.randomUniform(0f, 1f, new Shape(1, 3, 256, 256));
        sourceSemantics = manager.randomNormal(0f, 0.5f, new Shape(1, 70, 27), ai.djl.ndarray.types.DataType.FLOAT32);
        target1 = manager.randomNormal(0f, 0.5f, new Shape(1, 70, 27), ai.djl.ndarray.types.DataType.FLOAT32);
        target2 = manager.randomNormal(0f, 0.5f, new Shape(2, 70, 27), ai.djl.ndarray.types.DataType.FLOAT32);
        source = animation.prepare(sourceImage, sourceSemantics);
    }

    @TearDown(Level.Trial)
    public void close() {
        source.close();
        manager.close();
    }

    @Benchmark
    public float cachedBatch1() {
        try (NDManager frame = manager.newSubManager()) {
            NDArray t = target1.duplicate();
            t.attach(frame);
            return animation.frame(source, t, null, null, null).getFloat(0, 0, 0, 0);
        }
    }

    @Benchmark
    @OperationsPerInvocation(2)
    public float cachedBatch2() {
        try (NDManager frame = manager.newSubManager()) {
            NDArray t = target2.duplicate();
            t.attach(frame);
            return animation.frame(source, t, null, null, null).getFloat(0, 0, 0, 0);
        }
    }

    @Benchmark
    public float uncachedBatch1() {
        try (NDManager frame = manager.newSubManager()) {
            NDArray t = target1.duplicate();
            t.attach(frame);
            try (MakeAnimation.Source fresh = animation.prepare(sourceImage, sourceSemantics)) {
                return animation.frame(fresh, t, null, null, null).getFloat(0, 0, 0, 0);
            }
        }
    }
}
