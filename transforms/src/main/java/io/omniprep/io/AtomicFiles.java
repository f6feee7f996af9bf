package io.omniprep.io;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * Output files that appear only when complete, on every filesystem: the bytes go to a hidden
 * temporary name in the same folder, which is renamed to the final name once closed. A crash leaves
 * at most a temporary file, never a truncated output under its real name. Writing the same content
 * twice (a retried bundle) is harmless: the later rename replaces the earlier file.
 */
public final class AtomicFiles {
  /** The names {@link #temporaryBeside} makes, and no others. */
  private static final Pattern TEMPORARY =
      Pattern.compile("\\..+\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.tmp");

  /** What writes a file's content to a stream. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private static final int BUFFER = 1 << 20;

  private AtomicFiles() {}

  /** Writes {@code target} atomically. */
  public static void write(ResourceId target, Content content) throws IOException {
    ResourceId temp = temporaryBeside(target);
    try {
      try (OutputStream out = create(temp)) {
        content.writeTo(out);
      }
      FileSystems.rename(List.of(temp), List.of(target), StandardMoveOptions.IGNORE_MISSING_FILES);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(temp);
      throw e;
    }
  }

  /**
   * A new file, buffered by 1 MiB. Beam's local filesystem hands out a channel over an 8 KiB-buffered
   * stream, which turns every buffer flush into 128 small writes; a local file is written directly,
   * so that gigabytes of shards or patches go out a mebibyte per call. Other filesystems get Beam's.
   */
  private static OutputStream create(ResourceId file) throws IOException {
    if (isLocal(file)) {
      Path path = Paths.get(file.toString());
      Files.createDirectories(path.getParent());
      return new BufferedOutputStream(new FileOutputStream(path.toFile()), BUFFER);
    }
    return new BufferedOutputStream(Channels.newOutputStream(FileSystems.create(file, MimeTypes.BINARY)), BUFFER);
  }

  /** Whether {@code file} is on the local filesystem (whose paths {@link Paths#get} reads). */
  public static boolean isLocal(ResourceId file) {
    return "file".equals(file.getScheme());
  }

  /** A hidden temporary name beside {@code target}: {@code .NAME.<uuid>.tmp}. */
  public static ResourceId temporaryBeside(ResourceId target) {
    String name = "." + target.getFilename() + "." + UUID.randomUUID() + ".tmp";
    return target.getCurrentDirectory().resolve(name, StandardResolveOptions.RESOLVE_FILE);
  }

  /**
   * Deletes the temporary files that writers killed mid-write left in {@code directory} (a task
   * retried after a crash writes under a new name). Call it only once every writer of the folder is
   * done, as a job's last step: a live writer's temporary file looks the same.
   *
   * @return how many were deleted
   */
  public static int deleteLeftoverTemporaries(ResourceId directory) throws IOException {
    String pattern = directory.resolve(".*.tmp", StandardResolveOptions.RESOLVE_FILE).toString();
    MatchResult r = FileSystems.match(List.of(pattern), EmptyMatchTreatment.ALLOW).get(0);
    if (r.status() != MatchResult.Status.OK) {
      return 0;
    }
    List<ResourceId> leftovers =
        r.metadata().stream()
            .map(MatchResult.Metadata::resourceId)
            .filter(f -> TEMPORARY.matcher(f.getFilename()).matches())
            .toList();
    delete(leftovers);
    return leftovers.size();
  }

  /** Whether a file exists. */
  public static boolean exists(ResourceId file) throws IOException {
    MatchResult r = FileSystems.match(List.of(file.toString())).get(0);
    return r.status() == MatchResult.Status.OK && !r.metadata().isEmpty();
  }

  /** Deletes files, ignoring the ones that are already gone. */
  public static void delete(List<ResourceId> files) throws IOException {
    if (!files.isEmpty()) {
      FileSystems.delete(files, StandardMoveOptions.IGNORE_MISSING_FILES);
    }
  }

  /**
   * Removes a working directory once it is empty (local filesystems keep empty directories;
   * object stores have none, so there is nothing to do there).
   */
  public static void deleteEmptyDirectory(ResourceId directory) {
    if (!isLocal(directory)) {
      return;
    }
    try {
      java.nio.file.Path dir = java.nio.file.Paths.get(directory.toString());
      java.nio.file.Files.deleteIfExists(dir);
      java.nio.file.Path parent = dir.getParent();
      if (parent != null && parent.getFileName() != null && parent.getFileName().toString().equals(Folders.TEMPORARY)) {
        java.nio.file.Files.deleteIfExists(parent);
      }
    } catch (IOException | RuntimeException ignored) {
      // Not empty (another writer still uses it) or already gone.
    }
  }

  private static void deleteQuietly(ResourceId file) {
    try {
      delete(List.of(file));
    } catch (IOException | RuntimeException ignored) {
      // Best effort: the temporary name is hidden and never read.
    }
  }

  /** {@code dir} (a directory spec) resolved with a relative file path that may contain '/'. */
  public static ResourceId resolve(ResourceId dir, String relativePath) {
    ResourceId current = dir;
    String[] parts = relativePath.split("/");
    for (int i = 0; i < parts.length; i++) {
      boolean last = i == parts.length - 1;
      current = current.resolve(parts[i], last ? StandardResolveOptions.RESOLVE_FILE : StandardResolveOptions.RESOLVE_DIRECTORY);
    }
    return current;
  }

  /** The directory resource of an output location given as a string. */
  public static ResourceId directory(String spec) {
    return FileSystems.matchNewResource(spec, true);
  }
}
