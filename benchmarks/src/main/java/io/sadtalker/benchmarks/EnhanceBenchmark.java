package io.sadtalker.benchmarks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.sadtalker.core.FaceBox;
import io.sadtalker.core.GradMode;
import io.sadtalker.core.NativeMemory;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.weights.Checkpoint;
import io.sadtalker.enhance.GFPGANer;
import io.sadtalker.enhance.gfpgan.GFPGANv1Clean;
import io.sadtalker.enhance.parsing.ParseNet;
import io.sadtalker.enhance.restoreformer.RestoreFormer;
import io.sadtalker.testkit.FixtureCase;
import io.sadtalker.testkit.FixtureCases;
import io.sadtalker.testkit.SyntheticCheckpoints;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The face enhancer at SadTalker's sizes with synthetic full-size weights (the same compute as the real ones):
 * {@code gfpganForward} / {@code restoreFormerForward} / {@code parseNetForward} = one 512 face through the network;
 * {@code gfpganEnhanceFrame} = the whole {@code GFPGANer.enhance} flow (align, restore, ParseNet mask, paste into
 * the 2x frame) on the face_restore fixture's 256x256 frame with its one face, the detector replaced by the
 * fixture's detection so that only the enhancer is timed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class EnhanceBenchmark {
    private static final String SEED = "bench";

    private NDManager manager;
    private GFPGANv1Clean gfpgan;
    private RestoreFormer restoreFormer;
    private ParseNet parseNet;
    private NDArray face;
    private GFPGANer enhancer;
    private RgbImage frame;

    @Setup(Level.Trial)
    public void load() {
        NativeMemory.configure(); // as the enhancer loaders do
        manager = NDManager.newBaseManager(); // loads the engine before its JNI is used
        GradMode.disableForThisThread();
        try (Checkpoint g = Checkpoint.open(SyntheticCheckpoints.path("GFPGANv1.4.pth.json", SEED));
             Checkpoint r = Checkpoint.open(SyntheticCheckpoints.path("RestoreFormer.pth.json", SEED));
             Checkpoint p = Checkpoint.open(SyntheticCheckpoints.path("parsing_parsenet.pth.json", SEED))) {
            gfpgan = g.weights(manager, "params_ema").bind(w -> GFPGANv1Clean.load(w, GFPGANv1Clean.Config.v14()));
            restoreFormer = r.weights(manager, "params_ema")
                    .bind(w -> RestoreFormer.load(w, RestoreFormer.Config.restoreFormer()));
            parseNet = p.weights(manager).bind(w -> ParseNet.load(w, ParseNet.Config.parsenet512()));
        }
        manager.getEngine().setRandomSeed(1);
        face = manager.randomUniform(-1f, 1f, new Shape(1, 3, 512, 512));

        FixtureCase c = FixtureCases.discover("face_restore").get(0);
        NDArray image = c.input("image", manager);
        frame = RgbImage.of((int) image.getShape().get(1), (int) image.getShape().get(0), image.toByteArray());
        float[] d = c.input("detection", manager).toFloatArray();
        List<FaceBox> faces = List.of(new FaceBox(d[0], d[1], d[2], d[3], d[4], Arrays.copyOfRange(d, 5, 15)));
        enhancer = GFPGANer.builder().gfpgan(SyntheticCheckpoints.path("GFPGANv1.4.pth.json", SEED))
                .parseNet(SyntheticCheckpoints.path("parsing_parsenet.pth.json", SEED)).faceDetector(f -> faces)
                .randomizeNoise(false).build();
    }

    @TearDown(Level.Trial)
    public void close() {
        enhancer.close();
        manager.close();
    }

    @Benchmark
    public float gfpganForward() {
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = face.duplicate();
            x.attach(scope);
            return gfpgan.forward(x, null).getFloat(0, 0, 0, 0);
        }
    }

    @Benchmark
    public float restoreFormerForward() {
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = face.duplicate();
            x.attach(scope);
            return restoreFormer.forward(x).dec().getFloat(0, 0, 0, 0);
        }
    }

    @Benchmark
    public float parseNetForward() {
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = face.duplicate();
            x.attach(scope);
            return parseNet.forward(x).get(0).getFloat(0, 0, 0, 0);
        }
    }

    @Benchmark
    public int gfpganEnhanceFrame() {
        return enhancer.enhance(frame).get(0, 0, 0);
    }
}
