package io.sadtalker.spark;

import java.io.Serializable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One row of the results table: the job's {@code id}, {@code status} ({@code ok} or {@code failed}), the video's
 * {@code frames}, the {@code seconds} the job took on its executor(s), the {@code output} URI, and for a failed
 * job the SDK's exception type ({@code error_type}, e.g. {@code MediaException}) and message ({@code error}).
 */
record JobResult(String id, String status, Integer frames, double seconds, String output, String errorType,
                        String error) implements Serializable {
    public static final String OK = "ok";
    public static final String FAILED = "failed";

    /** The results table's schema. */
    public static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.StringType, false)
            .add("status", DataTypes.StringType, false)
            .add("frames", DataTypes.IntegerType, true)
            .add("seconds", DataTypes.DoubleType, false)
            .add("output", DataTypes.StringType, true)
            .add("error_type", DataTypes.StringType, true)
            .add("error", DataTypes.StringType, true);

    static JobResult ok(String id, int frames, double seconds, String output) {
        return new JobResult(id, OK, frames, seconds, output, null, null);
    }

    static JobResult failed(String id, double seconds, RuntimeException e) {
        return new JobResult(id, FAILED, null, seconds, null, e.getClass().getSimpleName(), e.getMessage());
    }

    Row row() {
        return RowFactory.create(id, status, frames, seconds, output, errorType, error);
    }
}
