package io.sadtalker.spark;

import io.sadtalker.core.ProgressListener;
import io.sadtalker.core.pipeline.GenerationRequest;
import io.sadtalker.core.pipeline.PreparedPortrait;
import io.sadtalker.core.pipeline.TalkingHeadPipeline;
import java.io.Serializable;
import java.util.Map;
import org.apache.spark.util.LongAccumulator;

/**
 * What every task of a run gets: the settings, the driver's Hadoop configuration (file system settings and
 * credentials) and the run's counter of prepared portraits.
 */
record RunContext(Settings settings, Map<String, String> hadoop, LongAccumulator portraitsPrepared)
        implements Serializable {

    /** This task's files. */
    RemoteFiles files() {
        return new RemoteFiles(hadoop);
    }

    /** Prepares the request's portrait (landmarks, crop, 3DMM), counted. */
    PreparedPortrait prepare(TalkingHeadPipeline pipeline, GenerationRequest request) {
        PreparedPortrait portrait = pipeline.prepare(request, ProgressListener.NONE);
        portraitsPrepared.add(1);
        return portrait;
    }
}
