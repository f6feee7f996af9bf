package io.omniprep.media;

import io.omniprep.errors.Reason;
import java.io.File;
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
  /** The folder {@link #requireInside} judged last. */
  private volatile @Nullable Judged lastJudged;

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
        if (folder == null || !folder.startsWith(realRoot)) {
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

  /**
   * Refuses the local {@code spec} ({@code path} as the record wrote it) when its real path is not
   * inside {@code realRoot}, as {@link MediaResolver#requireInside} judges it, for locations that
   * are written, not read ({@code convert}'s relocated paths): whether the file exists and whether
   * it is a link, a system call each (a link is followed in full); a file is judged by its folder's
   * remembered real path, a missing file (or a link that leads nowhere) by its nearest existing
   * folder's, with no exception made for it.
   */
  void requireInside(Path realRoot, String spec, String path) throws MediaException {
    String file = MediaPaths.stripFileScheme(spec);
    int slash = file.lastIndexOf('/');
    boolean exists = new File(file).exists();
    if (slash <= 0 || (exists && Files.isSymbolicLink(Paths.get(file)))) {
      MediaResolver.requireInside(realRoot, spec, path); // a link, or a file with no folder named: the whole walk
      return;
    }
    Path judged;
    try {
      judged = judgedFolder(file, slash);
    } catch (IOException e) { // a loop of links, a folder that cannot be listed
      throw new MediaException(Reason.MEDIA_MISSING, "media path '" + path + "' cannot be followed: " + e);
    }
    Path real = judged == null || !exists ? judged : judged.resolve(file.substring(slash + 1));
    if (real == null || !real.startsWith(realRoot)) {
      throw new MediaException(Reason.PATH_TRAVERSAL,
          "media path '" + path + "' leads (through a symbolic link) to " + real + ", outside the media root " + realRoot);
    }
  }

  /**
   * {@link #realFolder} of {@code file}'s folder (its first {@code slash} characters), the last one
   * remembered apart: records come by the thousand from one folder, and this spares the lookup.
   */
  private @Nullable Path judgedFolder(String file, int slash) throws IOException {
    Judged last = lastJudged;
    if (last != null && last.folder().length() == slash && file.startsWith(last.folder())) {
      return last.real();
    }
    String folder = file.substring(0, slash);
    Path real = realFolder(Paths.get(folder));
    if (real != null) {
      lastJudged = new Judged(folder, real);
    }
    return real;
  }

  /** A folder and the real path a file in it is judged by. */
  private record Judged(String folder, Path real) {}

  /** The real path of {@code folder}, or of its nearest existing folder when it does not exist (null: none). */
  private @Nullable Path realFolder(Path folder) throws IOException {
    Path real = realFolders.get(folder);
    if (real == null) {
      for (Path p = folder; p != null && real == null; p = p.getParent()) {
        try {
          real = p.toRealPath();
        } catch (NoSuchFileException e) {
          // judge by the folder above
        }
      }
      if (real == null) {
        return null;
      }
      if (realFolders.size() >= MAX_FOLDERS) {
        realFolders.clear();
      }
      realFolders.put(folder, real);
    }
    return real;
  }
}
