package io.sadtalker.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.sadtalker.core.InvalidInputException;
import io.sadtalker.core.Preprocess;
import org.junit.jupiter.api.Test;

/** The device setting is checked when the pipeline is built, not silently ignored. */
class DeviceChoiceTest {
    private static PipelineConfig config(String device) {
        return new PipelineConfig(null, 256, Preprocess.CROP, false, 2, null, null, device, false,
                io.sadtalker.core.MediaLimits.defaults());
    }

    @Test
    void knownDevicesAreAcceptedAndOthersNamed() {
        assertThat(config("cpu").wantsGpu()).isFalse();
        assertThat(config("CUDA:1").wantsGpu()).isTrue();
        assertThat(config("gpu").wantsGpu()).isTrue();
        assertThatThrownBy(() -> config("tpu")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'tpu'").hasMessageContaining("cpu, gpu or cuda[:N]");
    }

    @Test
    void theDefaultStagesGetTheLibtorchDeviceNamed() {
        assertThat(config("cpu").torchDevice()).isEqualTo(Device.cpu());
        assertThat(config(null).torchDevice()).isEqualTo(Device.cpu());
        assertThat(config("gpu").torchDevice()).isEqualTo(Device.gpu(0));
        assertThat(config("cuda").torchDevice()).isEqualTo(Device.gpu(0));
        assertThat(config("CUDA:1").torchDevice()).isEqualTo(Device.gpu(1));
    }

    @Test
    void aGpuWithoutOneIsABuildTimeErrorThatSaysWhatToDo() {
        assumeTrue(Engine.getEngine("PyTorch").getGpuCount() == 0, "a CUDA libtorch with a GPU: nothing to refuse");
        assertThatThrownBy(() -> TalkingHeadPipeline.builder().device("gpu").build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("libtorch sees no GPU")
                .hasMessageContaining("device cpu");
    }
}
