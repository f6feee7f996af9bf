package io.omniprep.media;

import io.omniprep.io.AtomicFiles;
import io.omniprep.sample.ByteRange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * A medium as a local file, which FFmpeg needs in order to seek (an MP4's index may sit at its
 * end): a local file as it is, anything else ({@code gs://}, {@code s3://}, a range inside a patch,
 * a tar member) copied to a temporary file that {@link #close()} deletes.
 */
public final class LocalMedia implements AutoCloseable {
  private final Path path;
  private final boolean temporary;

  private LocalMedia(Path path, boolean temporary) {
    this.path = path;
    this.temporary = temporary;
  }

  /**
   * A whole file by its spec.
   *
   * @throws NoSuchFileException when a local file does not exist
   */
  public static LocalMedia of(String spec) throws IOException {
    ResourceId id = FileSystems.matchNewResource(spec, false);
    if (AtomicFiles.isLocal(id)) {
      Path local = Paths.get(MediaPaths.stripFileScheme(id.toString()));
      if (!Files.isRegularFile(local)) {
        throw new NoSuchFileException(spec);
      }
      return new LocalMedia(local, false);
    }
    return copyOf(Channels.newInputStream(FileSystems.open(id)), MediaPaths.extension(spec));
  }

  /** The bytes of a range: the local file itself when the range is all of it, else a copy. */
  public static LocalMedia of(ByteRange range) throws IOException {
    ResourceId id = FileSystems.matchNewResource(range.resource(), false);
    if (range.offset() == 0 && AtomicFiles.isLocal(id)) {
      Path local = Paths.get(MediaPaths.stripFileScheme(id.toString()));
      if (Files.isRegularFile(local) && Files.size(local) == range.length()) {
        return new LocalMedia(local, false);
      }
    }
    return copyOf(MediaResolver.open(range), MediaPaths.extension(range.resource()));
  }

  /** A temporary copy of a stream (closed here), named with {@code extension} for FFmpeg's probing. */
  public static LocalMedia copyOf(InputStream in, String extension) throws IOException {
    Path copy = Files.createTempFile("omniprep-media-", extension.isEmpty() ? "" : "." + extension);
    try (InputStream source = in) {
      Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(copy);
      throw e;
    }
    return new LocalMedia(copy, true);
  }

  public Path path() {
    return path;
  }

  @Override
  public void close() throws IOException {
    if (temporary) {
      Files.deleteIfExists(path);
    }
  }
}
