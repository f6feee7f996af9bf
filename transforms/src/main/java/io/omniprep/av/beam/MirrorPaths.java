package io.omniprep.av.beam;

import io.omniprep.io.Globs;
import io.omniprep.media.MediaException;
import io.omniprep.media.MediaPaths;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Where a video lands in the output tree: its path relative to the input root (files) or media
 * root (records), so the output mirrors the input. Only the final extension is ever replaced by
 * the callers ({@link MediaPaths#withoutExtension}); the reference's string replacement of every
 * {@code .mp4} in the path is not copied.
 */
final class MirrorPaths {
  /** Extensions (lower case) that a files-mode glob keeps; anything else it matches is ignored. */
  static final Set<String> VIDEO_EXTENSIONS =
      Set.of("mp4", "m4v", "mkv", "webm", "mov", "avi", "flv", "wmv", "mpg", "mpeg", "ts", "mts", "m2ts", "3gp", "ogv");

  private MirrorPaths() {}

  static boolean isVideo(String path) {
    return VIDEO_EXTENSIONS.contains(MediaPaths.extension(path).toLowerCase(Locale.ROOT));
  }

  /** A directory spec ending in {@code /}, without a {@code file:} scheme. */
  static String asRoot(String root) {
    return MediaPaths.asDirectory(MediaPaths.stripFileScheme(root));
  }

  /**
   * The folder the output of a set of globs mirrors: {@code inputRoot} (every pattern must lie
   * inside it), or when it is null the deepest folder shared by the fixed (wildcard-free) parts of
   * every pattern.
   */
  static String filesRoot(List<String> patterns, @Nullable String inputRoot) {
    if (inputRoot == null) {
      return commonRoot(patterns);
    }
    String root = asRoot(inputRoot);
    for (String pattern : patterns) {
      if (!MediaPaths.stripFileScheme(pattern).startsWith(root)) {
        throw new IllegalArgumentException("input '" + pattern + "' is not inside the input root " + root);
      }
    }
    return root;
  }

  /** What a files-mode transform shows of its inputs. */
  static void populateDisplayData(DisplayData.Builder builder, List<String> patterns, @Nullable String inputRoot) {
    builder
        .add(DisplayData.item("inputs", String.join(",", patterns)).withLabel("Video patterns"))
        .addIfNotNull(DisplayData.item("inputRoot", inputRoot).withLabel("Folder the output mirrors"));
  }

  static String commonRoot(List<String> patterns) {
    String common = null;
    for (String pattern : patterns) {
      String fixed = Globs.fixedFolder(MediaPaths.stripFileScheme(pattern));
      common = common == null ? fixed : commonFolder(common, fixed);
    }
    return common == null ? "" : common;
  }

  private static String commonFolder(String a, String b) {
    int n = 0;
    while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
      n++;
    }
    return a.substring(0, a.lastIndexOf('/', n - 1) + 1);
  }

  /**
   * A matched file's path under {@code root} (a directory spec from {@link #asRoot}); a file
   * outside the root is mirrored by its whole path.
   */
  static String underRoot(String root, String spec) {
    String path = MediaPaths.stripFileScheme(spec);
    return !root.isEmpty() && path.startsWith(root) ? path.substring(root.length()) : wholePath(path);
  }

  /**
   * A record's video path in the output tree: a relative path as written (normalised), an
   * absolute one relative to {@code mediaRoot} when it lies inside it, otherwise its whole path
   * ({@code /data/v.mp4} → {@code data/v.mp4}, {@code gs://b/v.mp4} → {@code gs/b/v.mp4}).
   *
   * @param resolvedSpec the spec the media resolver found for {@code recordPath}
   */
  static String forRecord(@Nullable String mediaRoot, String recordPath, String resolvedSpec) {
    try {
      if (!MediaPaths.isAbsolute(recordPath)) {
        return MediaPaths.resolve("/", recordPath, false).substring(1);
      }
      if (mediaRoot != null) {
        // resolve() normalises the root the way the resolver did when it produced resolvedSpec.
        String probe = MediaPaths.resolve(mediaRoot, "_", false);
        String root = probe.substring(0, probe.length() - 1);
        if (resolvedSpec.startsWith(root)) {
          return resolvedSpec.substring(root.length());
        }
      }
      return wholePath(resolvedSpec);
    } catch (MediaException e) {
      // Validation already refused paths that leave their root.
      throw new IllegalStateException("unvalidated media path " + recordPath, e);
    }
  }

  private static String wholePath(String spec) {
    String path = spec.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*)://", "$1/");
    int i = 0;
    while (i < path.length() && path.charAt(i) == '/') {
      i++;
    }
    return path.substring(i);
  }
}
