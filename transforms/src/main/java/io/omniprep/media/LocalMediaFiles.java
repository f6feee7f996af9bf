package io.omniprep.media;

import io.omniprep.errors.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The size of a local media file, and whether it lies inside its media root, from one system call
 * (an {@code lstat}) where a general lookup makes several (Beam's match, then the real path of
 * every folder on the way, for every file). A file that is not a symbolic link lies where its
 * folder's real path says, so only folders' real paths are resolved, once each; a link is followed
 * in full. Safe to share between threads.
 */
final class LocalMediaFiles {
  /** Folders whose real paths are remembered; past this the memory starts over (corpora have millions). */
  private static final int MAX_FOLDERS = 1 << 16;

  private final Map<Path, Path> realFolders = new ConcurrentHashMap<>();

  /**
   * The size of the regular file {@code spec} ({@code path} as the record wrote it, for messages),
   * refused as {@link Reason#PATH_TRAVERSAL} when its real path is not inside {@code realRoot}
   * (null: not confined), as {@link Reason#MEDIA_MISSING} when it does not exist or is not a
   * regular file (a folder, a device, a pipe that would block a reader forever).
   */
  long size(String spec, String path, @Nullable Path realRoot) throws MediaException {
    Path file = Paths.get(MediaPaths.stripFileScheme(spec)).toAbsolutePath();
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (attributes.isSymbolicLink()) {
        if (realRoot != null) {
          MediaResolver.requireInside(realRoot, spec, path);
        }
        attributes = Files.readAttributes(file, BasicFileAttributes.class);
      } else if (realRoot != null) {
        Path folder = realFolder(file.getParent());
        if (!folder.startsWith(realRoot)) {
          throw new MediaException(Reason.PATH_TRAVERSAL, "media path '" + path + "' leads (through a symbolic link) to "
              + folder.resolve(file.getFileName()) + ", outside the media root " + realRoot);
        }
      }
    } catch (NoSuchFileException e) {
      if (realRoot != null) {
        MediaResolver.requireInside(realRoot, spec, path); // a missing file is judged by its nearest existing folder
      }
      throw new MediaException(Reason.MEDIA_MISSING, "media file not found: " + spec);
    } catch (IOException e) {
      throw new MediaException(Reason.MEDIA_MISSING, "media file cannot be looked up: " + spec + ": " + e);
    }
    if (attributes.isDirectory()) {
      throw new MediaException(Reason.MEDIA_MISSING, "media path is a directory: " + spec);
    }
    if (!attributes.isRegularFile()) {
      throw new MediaException(Reason.MEDIA_MISSING, "media path is not a regular file: " + spec);
    }
    return attributes.size();
  }

  private Path realFolder(Path folder) throws IOException {
    Path real = realFolders.get(folder);
    if (real == null) {
      real = folder.toRealPath();
      if (realFolders.size() >= MAX_FOLDERS) {
        realFolders.clear();
      }
      realFolders.put(folder, real);
    }
    return real;
  }
}
