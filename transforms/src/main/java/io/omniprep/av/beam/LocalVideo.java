package io.omniprep.av.beam;

import io.omniprep.media.MediaPaths;
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
 * A video as a local file, which FFmpeg needs to seek (an MP4's index may sit at its end): a local
 * input as it is, a remote one ({@code gs://}, {@code s3://}) copied through {@code FileSystems}
 * to a temporary file that {@link #close()} deletes.
 */
final class LocalVideo implements AutoCloseable {
  private final Path path;
  private final boolean temporary;

  private LocalVideo(Path path, boolean temporary) {
    this.path = path;
    this.temporary = temporary;
  }

  /**
   * @throws NoSuchFileException or {@link java.io.FileNotFoundException} if the video does not exist
   */
  static LocalVideo of(String spec) throws IOException {
    ResourceId id = FileSystems.matchNewResource(spec, false);
    if ("file".equals(id.getScheme())) {
      Path local = Paths.get(id.toString());
      if (!Files.isRegularFile(local)) {
        throw new NoSuchFileException(spec);
      }
      return new LocalVideo(local, false);
    }
    String extension = MediaPaths.extension(spec);
    Path copy = Files.createTempFile("omniprep-video-", extension.isEmpty() ? "" : "." + extension);
    try (InputStream in = Channels.newInputStream(FileSystems.open(id))) {
      Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(copy);
      throw e;
    }
    return new LocalVideo(copy, true);
  }

  Path path() {
    return path;
  }

  @Override
  public void close() throws IOException {
    if (temporary) {
      Files.deleteIfExists(path);
    }
  }
}
