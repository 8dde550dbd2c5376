package io.sadtalker.spark;

import io.sadtalker.core.InvalidInputException;
import io.sadtalker.core.Preprocess;
import io.sadtalker.core.pipeline.GenerationRequest;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.apache.spark.sql.Row;

/**
 * One row of the jobs table: {@code id}, {@code portrait} and {@code audio} URIs, and the optional per-row options
 * of SadTalker's command line ({@code preprocess, still, pose_style, size, expression_scale, enhancer, seed,
 * ref_eyeblink, ref_pose}); a missing column or null value takes the run's default. Values may be typed (JSON,
 * Parquet) or strings (CSV).
 */
record JobSpec(String id, String portrait, String audio, PipelineSpec pipeline, int poseStyle,
                      float expressionScale, long seed, String refEyeblink, String refPose) implements Serializable {

    /** The job of {@code row}; fails with an {@link InvalidInputException} naming the row and the column. */
    static JobSpec of(Row row, Settings settings) {
        String id = string(row, "id", null);
        if (id == null || !id.matches("[A-Za-z0-9._-]+")) {
            throw new InvalidInputException("job id '" + id + "' must be letters, digits, '.', '_' or '-' (it names"
                    + " the output file)");
        }
        String portrait = required(row, id, "portrait");
        String audio = required(row, id, "audio");
        String mode = string(row, "preprocess", settings.preprocess().cliName());
        Preprocess preprocess = Arrays.stream(Preprocess.values()).filter(p -> p.cliName().equals(mode.toLowerCase(
                Locale.ROOT))).findFirst().orElseThrow(() -> new InvalidInputException("job " + id + ": preprocess"
                + " must be crop, extcrop, resize, full or extfull, got '" + mode + "'"));
        String enhancer = string(row, "enhancer", settings.enhancer());
        PipelineSpec pipeline = new PipelineSpec(settings.checkpointDir(),
                (int) number(row, id, "size", settings.size()), preprocess,
                bool(row, id, "still", settings.still()), enhancer == null || enhancer.isBlank() ? null : enhancer,
                settings.batchSize(), settings.device());
        return new JobSpec(id, portrait, audio, pipeline, (int) number(row, id, "pose_style", 0),
                (float) number(row, id, "expression_scale", 1.0), (long) number(row, id, "seed", 0),
                string(row, "ref_eyeblink", null), string(row, "ref_pose", null));
    }

    /**
     * The SDK request of this job: its audio and reference videos fetched through {@code files}; {@code
     * localPortrait} is null where the portrait is already prepared (a split video's range).
     */
    GenerationRequest request(Path localPortrait, RemoteFiles files, Path output) {
        GenerationRequest.Builder request = GenerationRequest.builder().portrait(localPortrait)
                .audio(files.fetch(audio)).output(output).poseStyle(poseStyle).expressionScale(expressionScale)
                .seed(seed);
        if (refEyeblink != null) {
            request.refEyeBlink(files.fetch(refEyeblink));
        }
        if (refPose != null) {
            request.refPose(files.fetch(refPose));
        }
        return request.build();
    }

    private static String required(Row row, String id, String column) {
        String value = string(row, column, null);
        if (value == null) {
            throw new InvalidInputException("job " + id + " has no " + column);
        }
        return value;
    }

    private static Object value(Row row, String column) {
        if (!Arrays.asList(row.schema().fieldNames()).contains(column)) {
            return null;
        }
        Object v = row.getAs(column);
        return v instanceof String s && s.isBlank() ? null : v;
    }

    private static String string(Row row, String column, String otherwise) {
        Object v = value(row, column);
        return v == null ? otherwise : v.toString().strip();
    }

    private static double number(Row row, String id, String column, double otherwise) {
        Object v = value(row, column);
        if (v == null) {
            return otherwise;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString().strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("job " + id + ": " + column + " must be a number, got '" + v + "'");
        }
    }

    private static boolean bool(Row row, String id, String column, boolean otherwise) {
        Object v = value(row, column);
        if (v == null) {
            return otherwise;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        return switch (v.toString().strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new InvalidInputException("job " + id + ": " + column + " must be true or false, got '"
                    + v + "'");
        };
    }
}
