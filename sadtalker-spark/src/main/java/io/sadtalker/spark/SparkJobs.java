package io.sadtalker.spark;

import io.sadtalker.core.InvalidInputException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * Talking-head videos for a table of jobs on Spark: each job's video is written to {@code <output>/<id>.mp4} and
 * reported in the results table ({@code id, status, frames, seconds, output, error_type, error}); a job that fails
 * (bad row, missing file, no face, broken audio ...) is a failed result row and never fails the run or the other
 * jobs.
 */
public final class SparkJobs {
    /** A finished run: its results (in the jobs' order) and how many times a portrait was prepared. */
    public record Run(Dataset<Row> results, long portraitsPrepared) {
    }

    private SparkJobs() {
    }

    /** Reads a jobs table from a CSV (with a header), JSON-lines or Parquet file, chosen by its extension. */
    public static Dataset<Row> read(SparkSession spark, String uri) {
        String name = uri.toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return spark.read().option("header", true).csv(uri);
        }
        if (name.endsWith(".json") || name.endsWith(".jsonl")) {
            return spark.read().json(uri);
        }
        if (name.endsWith(".parquet")) {
            return spark.read().parquet(uri);
        }
        throw new InvalidInputException("jobs file " + uri + " must be .csv, .json, .jsonl or .parquet");
    }

    /**
     * Renders every job of {@code jobs} (columns {@code id, portrait, audio} and optional per-row options, see
     * {@link JobSpec}) and returns when all are done; the results are computed once, not again on each action.
     */
    public static Run run(SparkSession spark, Dataset<Row> jobs, Settings settings) {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Map<String, String> hadoop = new HashMap<>();
        context.hadoopConfiguration().forEach(e -> hadoop.put(e.getKey(), e.getValue()));
        LongAccumulator prepared = spark.sparkContext().longAccumulator("sadtalker portraits prepared");
        RunContext run = new RunContext(settings, hadoop, prepared);

        List<JobResult> results = new ArrayList<>();
        List<JobSpec> valid = new ArrayList<>();
        Map<String, Integer> order = new HashMap<>();
        for (Row row : jobs.collectAsList()) {
            Object given = row.schema().getFieldIndex("id").isDefined() ? row.getAs("id") : null;
            String id = String.valueOf(given);
            try {
                JobSpec job = JobSpec.of(row, settings);
                if (order.containsKey(id)) {
                    throw new InvalidInputException("job id " + id + " appears more than once");
                }
                valid.add(job);
            } catch (InvalidInputException e) {
                results.add(JobResult.failed(id, 0, e));
            }
            order.putIfAbsent(id, order.size());
        }
        results.addAll(settings.splitFrames() > 0 ? SplitVideos.run(context, valid, run)
                : BatchJobs.run(context, valid, run));
        List<Row> rows = results.stream().sorted(Comparator.comparing(r -> order.get(r.id())))
                .map(JobResult::row).toList();
        return new Run(spark.createDataFrame(rows, JobResult.SCHEMA), prepared.value());
    }
}
