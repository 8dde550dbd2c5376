package io.sadtalker.core.config;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code Audio2Pose} reads from SadTalker's {@code src/config/auido2pose.yaml}: the CVAE sizes
 * ({@code MODEL.CVAE}), the number of pose-style classes ({@code DATASET.NUM_CLASSES}) and the motion
 * discriminator ({@code MODEL.DISCRIMINATOR}, whose weights are in the checkpoint though inference never runs it).
 */
public record Audio2PoseConfig(int numClasses, Cvae cvae, Discriminator discriminator) {

    /**
     * {@code MODEL.CVAE}. The layer-size lists are as written in the yaml: the original's {@code ENCODER} adds
     * {@code latent_size + seq_len * audio_emb_out_size + 6} to the first entry, its {@code DECODER} prepends an
     * input of that size.
     */
    public record Cvae(int audioEmbInSize, int audioEmbOutSize, int seqLen, int latentSize,
                       List<Integer> encoderLayerSizes, List<Integer> decoderLayerSizes) {
        public Cvae {
            encoderLayerSizes = List.copyOf(encoderLayerSizes);
            decoderLayerSizes = List.copyOf(decoderLayerSizes);
        }
    }

    /** {@code MODEL.DISCRIMINATOR}. */
    public record Discriminator(boolean leakyRelu, int inputChannels) {
    }

    /** The values of {@code auido2pose.yaml}. */
    public static final Audio2PoseConfig DEFAULT = new Audio2PoseConfig(46,
            new Cvae(512, 6, 32, 64, List.of(192, 128), List.of(128, 192)), new Discriminator(false, 6));

    /** Reads an audio2pose yaml file. */
    public static Audio2PoseConfig load(Path yaml) {
        YamlNode root = YamlNode.read(yaml);
        YamlNode model = root.child("MODEL");
        YamlNode cvae = model.child("CVAE");
        YamlNode disc = model.child("DISCRIMINATOR");
        return new Audio2PoseConfig(root.child("DATASET").integer("NUM_CLASSES"),
                new Cvae(cvae.integer("AUDIO_EMB_IN_SIZE"), cvae.integer("AUDIO_EMB_OUT_SIZE"), cvae.integer("SEQ_LEN"),
                        cvae.integer("LATENT_SIZE"), cvae.integers("ENCODER_LAYER_SIZES"),
                        cvae.integers("DECODER_LAYER_SIZES")),
                new Discriminator(disc.bool("LEAKY_RELU"), disc.integer("INPUT_CHANNELS")));
    }
}
