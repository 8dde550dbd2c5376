package io.sadtalker.core;

/**
 * Bounds on what a portrait, video or speech file may ask of the machine. Defaults (each overridable with the
 * system property in brackets):
 * <ul>
 *   <li>{@code maxImagePixels} 100,000,000 ({@code sadtalker.maxImagePixels}): width × height of a picture or video
 *   frame, read from the file's header before anything is decoded; larger ones are refused.</li>
 *   <li>{@code maxDetectionSide} 1920 ({@code sadtalker.maxDetectionSide}): face detection (RetinaFace) runs on a
 *   copy of a larger picture scaled down to this longer side, and its boxes are mapped back to the full picture;
 *   pictures up to this size are detected as they are, exactly as the original does.</li>
 *   <li>{@code maxAudioSeconds} 3600 ({@code sadtalker.maxAudioSeconds}): speech longer than this is refused
 *   (at most 134,000 s, so that 16 kHz samples stay countable in an {@code int}).</li>
 * </ul>
 */
public record MediaLimits(long maxImagePixels, int maxDetectionSide, double maxAudioSeconds) {
    public static final long DEFAULT_MAX_IMAGE_PIXELS = 100_000_000L;
    public static final int DEFAULT_MAX_DETECTION_SIDE = 1920;
    public static final double DEFAULT_MAX_AUDIO_SECONDS = 3600;
    /** The most a 16 kHz signal can hold in one Java array, in seconds (2^31 samples). */
    public static final double AUDIO_SECONDS_CEILING = 134_000;

    public MediaLimits {
        if (maxImagePixels <= 0) {
            throw new InvalidInputException("maxImagePixels must be positive, got " + maxImagePixels);
        }
        if (maxDetectionSide < 32) {
            throw new InvalidInputException("maxDetectionSide must be at least 32, got " + maxDetectionSide);
        }
        if (!(maxAudioSeconds > 0 && maxAudioSeconds <= AUDIO_SECONDS_CEILING)) {
            throw new InvalidInputException("maxAudioSeconds must be in (0, " + AUDIO_SECONDS_CEILING + "], got "
                    + maxAudioSeconds);
        }
    }

    /** The defaults, with any of the system properties above applied. */
    public static MediaLimits defaults() {
        try {
            return new MediaLimits(
                    Long.parseLong(System.getProperty("sadtalker.maxImagePixels", "" + DEFAULT_MAX_IMAGE_PIXELS)),
                    Integer.parseInt(System.getProperty("sadtalker.maxDetectionSide", "" + DEFAULT_MAX_DETECTION_SIDE)),
                    Double.parseDouble(System.getProperty("sadtalker.maxAudioSeconds", "" + DEFAULT_MAX_AUDIO_SECONDS)));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("a sadtalker.max* system property is not a number: " + e.getMessage());
        }
    }

    public MediaLimits withMaxImagePixels(long v) {
        return new MediaLimits(v, maxDetectionSide, maxAudioSeconds);
    }

    public MediaLimits withMaxDetectionSide(int v) {
        return new MediaLimits(maxImagePixels, v, maxAudioSeconds);
    }

    public MediaLimits withMaxAudioSeconds(double v) {
        return new MediaLimits(maxImagePixels, maxDetectionSide, v);
    }

    /** Refuses a picture or frame of {@code width × height} beyond {@link #maxImagePixels} (or not positive). */
    public void checkImage(long width, long height, String name) {
        if (width <= 0 || height <= 0) {
            throw new MediaException(name + " declares an empty picture (" + width + "x" + height + ")");
        }
        if (width > maxImagePixels || height > maxImagePixels || width * height > maxImagePixels) {
            throw new MediaException(name + " is " + width + "x" + height + " pixels, more than the limit of "
                    + maxImagePixels + " (MediaLimits.maxImagePixels, -Dsadtalker.maxImagePixels)");
        }
    }

    /** Refuses audio of {@code seconds} beyond {@link #maxAudioSeconds}. */
    public void checkAudioSeconds(double seconds, String name) {
        if (seconds > maxAudioSeconds) {
            throw new MediaException(String.format(java.util.Locale.ROOT, "audio file %s is longer than the limit"
                    + " of %.0f s (MediaLimits.maxAudioSeconds, -Dsadtalker.maxAudioSeconds): %.1f s or more",
                    name, maxAudioSeconds, seconds));
        }
    }
}
