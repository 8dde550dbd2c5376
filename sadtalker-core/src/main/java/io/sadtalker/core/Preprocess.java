package io.sadtalker.core;

/** SadTalker's {@code --preprocess} modes. */
public enum Preprocess {
    /** Crop the face, animate the crop. */
    CROP,
    /** Crop with a larger context (still-mode crop). */
    EXTCROP,
    /** Resize the whole picture (for already-cropped portraits). */
    RESIZE,
    /** Crop, animate, and paste the face back into the full picture. */
    FULL,
    /** Extended crop, pasted back into the full picture. */
    EXTFULL;

    /** Whether the animated face is pasted back into the original picture. */
    public boolean pastesBack() {
        return this == FULL || this == EXTFULL;
    }

    /** The name used on SadTalker's command line ({@code crop}, {@code extfull}, ...). */
    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
