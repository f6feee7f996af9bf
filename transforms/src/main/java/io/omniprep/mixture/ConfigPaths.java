package io.omniprep.mixture;

import io.omniprep.media.MediaPaths;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/** Resolves paths written in a config file against the folder of that file, on any filesystem. */
final class ConfigPaths {
  private ConfigPaths() {}

  /**
   * {@code path} as is when absolute ({@code /...} or a URI such as {@code gs://...}); otherwise
   * relative to the folder of {@code configFile}, with {@code .} and {@code ..} folded.
   */
  static String resolve(String configFile, String path) {
    if (MediaPaths.isAbsolute(path)) {
      return path;
    }
    String file = MediaPaths.stripFileScheme(configFile);
    if (!MediaPaths.isAbsolute(file) || file.startsWith("/")) {
      Path folder = Path.of(file).toAbsolutePath().getParent();
      return folder.resolve(path).normalize().toString();
    }
    int authorityEnd = file.indexOf('/', file.indexOf("://") + 3);
    if (authorityEnd < 0) {
      return file + "/" + path;
    }
    String prefix = file.substring(0, authorityEnd);
    Deque<String> parts = new ArrayDeque<>();
    String folder = file.substring(authorityEnd, file.lastIndexOf('/') + 1);
    for (String segment : (folder + path).split("/")) {
      if (segment.equals("..")) {
        parts.pollLast();
      } else if (!segment.isEmpty() && !segment.equals(".")) {
        parts.addLast(segment);
      }
    }
    return prefix + "/" + String.join("/", parts);
  }
}
