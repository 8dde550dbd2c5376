package io.sadtalker.core.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.sadtalker.core.image.ImageFiles;
import io.sadtalker.core.image.RgbImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class PartFilesTest {
    @TempDir
    Path dir;

    @Test
    void partFilesAreNewAndDistinct() throws Exception {
        Path a = PartFiles.create(dir, ".out.mp4", ".part");
        Path b = PartFiles.create(dir, ".out.mp4", ".part");
        assertThat(a).isNotEqualTo(b).exists().hasParent(dir);
        assertThat(a.getFileName().toString()).startsWith(".out.mp4").endsWith(".part");
        assertThat(Files.size(a)).isZero();
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aWrittenResultHasTheProcesssUsualPermissionsNotOwnerOnly() throws Exception {
        Path reference = Files.createFile(dir.resolve("reference")); // the umask's permissions
        Path png = dir.resolve("face.png");
        ImageFiles.write(RgbImage.wrap(2, 2, new byte[12]), png);
        assertThat(Files.getPosixFilePermissions(png)).isEqualTo(Files.getPosixFilePermissions(reference));
        assertThat(Files.getPosixFilePermissions(PartFiles.create(dir, "x", ".part")))
                .isEqualTo(Files.getPosixFilePermissions(reference));
    }
}
