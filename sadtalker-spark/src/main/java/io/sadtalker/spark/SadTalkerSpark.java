package io.sadtalker.spark;

import io.sadtalker.core.Preprocess;
import io.sadtalker.core.pipeline.PipelineConfig;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code sadtalker-spark} command: renders a jobs table on Spark (local mode with {@code --master}, or the
 * cluster of {@code spark-submit}) and prints the results table as CSV as its last lines.
 */
@Command(name = "sadtalker-spark", mixinStandardHelpOptions = true,
        description = "Talking-head videos for a table of jobs (id,portrait,audio[,options]) on Apache Spark.")
public final class SadTalkerSpark implements Callable<Integer> {
    @Option(names = "--master", description = "Spark master, e.g. local[2] (default: spark-submit's)")
    String master;

    @Option(names = "--jobs", required = true, description = "jobs table URI: .csv (with a header), .json, .parquet")
    String jobs;

    @Option(names = {"--checkpoint_dir", "--checkpoint-dir"}, required = true,
            description = "checkpoint folder, a path every executor can read")
    String checkpointDir;

    @Option(names = "--output", required = true, description = "output folder URI: one <id>.mp4 per job")
    String output;

    @Option(names = {"--split-frames", "--split_frames"}, defaultValue = "0",
            description = "render each video in ranges of about N frames on different tasks (0: off)")
    int splitFrames;

    @Option(names = "--keep-segments", description = "keep the split segments under <output>/_segments")
    boolean keepSegments;

    @Option(names = "--preprocess", defaultValue = "crop", description = "default preprocess mode")
    String preprocess;

    @Option(names = "--still", description = "default still mode")
    boolean still;

    @Option(names = "--size", defaultValue = "256", description = "default model size: 256 or 512")
    int size;

    @Option(names = "--enhancer", completionCandidates = Enhancers.class,
            description = "default face enhancer: ${COMPLETION-CANDIDATES}")
    String enhancer;

    @Option(names = {"--batch_size", "--batch-size"}, defaultValue = "2", description = "render batch size")
    int batchSize;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu or cuda[:N]")
    String device;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SadTalkerSpark()).execute(args));
    }

    @Override
    public Integer call() {
        SparkSession.Builder builder = SparkSession.builder().appName("sadtalker");
        if (master != null) {
            builder.master(master);
        }
        SparkSession spark = builder.getOrCreate();
        try {
            Settings settings = new Settings(checkpointDir, output,
                    Preprocess.valueOf(preprocess.toUpperCase(Locale.ROOT)), still, size, enhancer, batchSize,
                    device, splitFrames, keepSegments);
            SparkJobs.Run run = SparkJobs.run(spark, SparkJobs.read(spark, jobs), settings);
            System.out.println(String.join(",", JobResult.SCHEMA.fieldNames()));
            boolean allOk = true;
            for (Row row : run.results().collectAsList()) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < row.length(); i++) {
                    line.append(i == 0 ? "" : ",").append(csv(row.get(i)));
                }
                System.out.println(line);
                allOk &= JobResult.OK.equals(row.getAs("status"));
            }
            return allOk ? 0 : 1;
        } finally {
            spark.stop();
        }
    }

    /** A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break; empty for null. */
    static String csv(Object value) {
        if (value == null) {
            return "";
        }
        String s = value instanceof Double d ? String.format(Locale.ROOT, "%.2f", d) : value.toString();
        return s.matches("(?s).*[,\"\\r\\n].*") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** {@code --enhancer}'s choices: the names the stage providers on the class path serve. */
    static final class Enhancers implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return PipelineConfig.enhancers().iterator();
        }
    }
}
