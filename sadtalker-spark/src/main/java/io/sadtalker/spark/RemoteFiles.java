package io.sadtalker.spark;

import io.sadtalker.core.MediaException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;

/**
 * Files behind URIs ({@code file://}, {@code hdfs://}, {@code s3a://} ..., or plain local paths) through Hadoop's
 * FileSystem API, for one task: inputs are copied into a local temporary folder (the SDK reads local paths), outputs
 * are written under a temporary name beside their target and renamed into place only when complete. Closing deletes
 * the local folder.
 */
final class RemoteFiles implements Closeable {
    private final Configuration conf;
    private final Path local;

    RemoteFiles(Map<String, String> hadoop) {
        conf = new Configuration(false);
        hadoop.forEach(conf::set);
        try {
            local = Files.createTempDirectory("sadtalker-spark");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a local temporary folder: " + e.getMessage(), e);
        }
    }

    /** The local temporary folder of this task. */
    Path local() {
        return local;
    }

    /** A local copy of {@code uri} (the file itself when it is on the local file system). */
    Path fetch(String uri) {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(uri);
        try {
            FileSystem fs = path.getFileSystem(conf);
            if (!fs.isFile(path)) {
                throw new MediaException("file not found: " + uri);
            }
            if (fs instanceof LocalFileSystem) {
                return Path.of(fs.makeQualified(path).toUri());
            }
            Path copy = Files.createTempDirectory(local, "in").resolve(path.getName());
            fs.copyToLocalFile(false, path, new org.apache.hadoop.fs.Path(copy.toUri()), true);
            return copy;
        } catch (IOException e) {
            throw new MediaException("cannot read " + uri + ": " + e.getMessage(), e);
        }
    }

    /** Opens {@code uri} for reading. */
    InputStream open(String uri) throws IOException {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(uri);
        return path.getFileSystem(conf).open(path);
    }

    /** The URI of {@code name} inside the folder {@code dir}. */
    static String child(String dir, String name) {
        return new org.apache.hadoop.fs.Path(dir, name).toString();
    }

    /** A stream to {@code uri}'s temporary sibling; {@link Commit#commit()} renames it to {@code uri}. */
    Commit create(String uri) throws IOException {
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(uri);
        FileSystem fs = target.getFileSystem(conf);
        if (fs instanceof LocalFileSystem checksummed) {
            fs = checksummed.getRawFileSystem(); // no .crc files beside the outputs
        }
        org.apache.hadoop.fs.Path tmp = new org.apache.hadoop.fs.Path(target.getParent(),
                "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
        return new Commit(fs, tmp, target, fs.create(tmp, false));
    }

    /** Copies the local file {@code file} to {@code uri}, complete or not at all. */
    String publish(Path file, String uri) {
        try (Commit out = create(uri)) {
            Files.copy(file, out.stream());
            return out.commit();
        } catch (IOException e) {
            throw new MediaException("cannot write " + uri + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the folder {@code uri} and everything in it. */
    void deleteFolder(String uri) {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(uri);
        try {
            path.getFileSystem(conf).delete(path, true);
        } catch (IOException e) {
            throw new MediaException("cannot delete " + uri + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(local)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + local + ": " + e.getMessage(), e);
        }
    }

    /** A file being written to a temporary name; closing without {@link #commit()} deletes it. */
    static final class Commit implements Closeable {
        private final FileSystem fs;
        private final org.apache.hadoop.fs.Path tmp;
        private final org.apache.hadoop.fs.Path target;
        private final OutputStream stream;
        private boolean committed;

        private Commit(FileSystem fs, org.apache.hadoop.fs.Path tmp, org.apache.hadoop.fs.Path target,
                       OutputStream stream) {
            this.fs = fs;
            this.tmp = tmp;
            this.target = target;
            this.stream = stream;
        }

        OutputStream stream() {
            return stream;
        }

        /** Closes the stream and renames the file to its target (replacing an older one); returns the target. */
        String commit() throws IOException {
            stream.close();
            if (fs.exists(target)) {
                fs.delete(target, false);
            }
            if (!fs.rename(tmp, target)) {
                throw new IOException("cannot rename " + tmp + " to " + target);
            }
            committed = true;
            return fs.makeQualified(target).toString();
        }

        @Override
        public void close() throws IOException {
            stream.close();
            if (!committed) {
                fs.delete(tmp, false);
            }
        }
    }
}
