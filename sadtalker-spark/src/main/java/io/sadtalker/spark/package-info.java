/**
 * API: Apache Spark jobs for talking-head videos: {@link io.sadtalker.spark.SadTalkerSpark} (the
 * {@code spark-submit} main class), {@link io.sadtalker.spark.SparkJobs} with its {@link io.sadtalker.spark.Settings}
 * and the results table it returns. The job, result, pipeline-cache and split classes are package-private.
 */
package io.sadtalker.spark;
