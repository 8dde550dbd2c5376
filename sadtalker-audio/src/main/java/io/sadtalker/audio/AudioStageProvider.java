package io.sadtalker.audio;

import io.sadtalker.audio.coeff.SadTalkerAudio2Coeff;
import io.sadtalker.audio.decode.FfmpegAudioDecoder;
import io.sadtalker.audio.mel.SadTalkerMelSpectrogram;
import io.sadtalker.core.pipeline.PipelineConfig;
import io.sadtalker.core.pipeline.StageContext;
import io.sadtalker.core.pipeline.StageProvider;
import io.sadtalker.core.stage.Audio2Coeff;
import io.sadtalker.core.stage.AudioDecoder;
import io.sadtalker.core.stage.MelSpectrogram;

/** Default audio stages: FFmpeg decoding with resampy-exact resampling, SadTalker's mel, Audio2Coeff. */
public final class AudioStageProvider implements StageProvider {
    @Override
    public <T> T create(Class<T> stage, StageContext context) {
        PipelineConfig config = context.config();
        if (stage == AudioDecoder.class) {
            return stage.cast(new FfmpegAudioDecoder(config.limits()));
        }
        if (stage == MelSpectrogram.class) {
            return stage.cast(new SadTalkerMelSpectrogram());
        }
        if (stage == Audio2Coeff.class) {
            return stage.cast(SadTalkerAudio2Coeff.open(config.sadTalkerCheckpoints(), config.torchDevice()));
        }
        return null;
    }
}
