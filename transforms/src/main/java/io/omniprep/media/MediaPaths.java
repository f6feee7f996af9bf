package io.omniprep.media;

import io.omniprep.errors.Reason;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * String-level path rules for media locations, kept free of any filesystem so they behave the same
 * for local paths, {@code gs://} and {@code s3://}. Paths are normalised ({@code .} and {@code ..}
 * folded) before they are checked against their root.
 */
public final class MediaPaths {
  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");

  private MediaPaths() {}

  /** Absolute local paths and URIs ({@code gs://}, {@code s3://}, {@code file:}). */
  public static boolean isAbsolute(String path) {
    return path.startsWith("/") || (startsLikeScheme(path) && SCHEME.matcher(path).matches());
  }

  /**
   * Whether {@code path} starts with the characters of a scheme and a colon: a test without the
   * regular expression for the relative paths of most records ({@code 00000/1.jpg}).
   */
  private static boolean startsLikeScheme(String path) {
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (i > 0 && c == ':') {
        return true;
      }
      if (!letter && (i == 0 || !((c >= '0' && c <= '9') || c == '+' || c == '.' || c == '-'))) {
        return false;
      }
    }
    return false;
  }

  /** Whether {@code path[from, to)} has nothing to fold: no empty, {@code .} or {@code ..} segment. */
  private static boolean isFolded(String path, int from, int to) {
    for (int start = from; start <= to; ) {
      int end = path.indexOf('/', start);
      end = end < 0 || end > to ? to : end;
      int length = end - start;
      if (length == 0 || (path.charAt(start) == '.' && (length == 1 || (length == 2 && path.charAt(start + 1) == '.')))) {
        return false;
      }
      start = end + 1;
    }
    return true;
  }

  /** {@code file:///a/b} and {@code file:/a/b} become {@code /a/b}; other locations are kept. */
  public static String stripFileScheme(String path) {
    if (path.startsWith("file://")) {
      return path.substring("file://".length());
    }
    if (path.startsWith("file:")) {
      return path.substring("file:".length());
    }
    return path;
  }

  /** A directory spec ending in exactly one {@code /}. */
  public static String asDirectory(String dir) {
    return dir.endsWith("/") ? dir : dir + "/";
  }

  /**
   * Resolves {@code path} against {@code root} (a directory spec ending in {@code /}), refusing any
   * result outside the root. With {@code confineAbsolute} false, absolute paths are returned as
   * given (normalised) wherever they point; with it true they too must lie inside the root.
   */
  public static String resolve(String root, String path, boolean confineAbsolute) throws MediaException {
    if (path.indexOf('\0') >= 0) {
      throw new MediaException(Reason.PATH_TRAVERSAL, "media path contains a NUL byte");
    }
    String cleanRoot = normalize(stripFileScheme(root), "media root");
    if (isAbsolute(path)) {
      String absolute = normalize(stripFileScheme(path), path);
      if (confineAbsolute && !absolute.startsWith(asDirectory(cleanRoot))) {
        throw new MediaException(
            Reason.PATH_TRAVERSAL, "absolute media path '" + path + "' is outside the media root " + cleanRoot);
      }
      return absolute;
    }
    if (isFolded(path, 0, path.length())) {
      return asDirectory(cleanRoot) + path;
    }
    Deque<String> parts = new ArrayDeque<>();
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (parts.isEmpty()) {
          throw new MediaException(
              Reason.PATH_TRAVERSAL, "media path '" + path + "' leaves its media root " + cleanRoot);
        }
        parts.removeLast();
      } else {
        parts.addLast(segment);
      }
    }
    if (parts.isEmpty()) {
      throw new MediaException(Reason.PATH_TRAVERSAL, "media path '" + path + "' names the media root itself");
    }
    return asDirectory(cleanRoot) + String.join("/", parts);
  }

  /**
   * Folds {@code .} and {@code ..} in the path part of a spec (after {@code scheme://authority}),
   * refusing to climb above its top.
   */
  static String normalize(String spec, String what) throws MediaException {
    int pathStart = 0;
    int schemeEnd = spec.indexOf("://");
    if (schemeEnd >= 0) {
      int slash = spec.indexOf('/', schemeEnd + 3);
      pathStart = slash < 0 ? spec.length() : slash;
    }
    String prefix = spec.substring(0, pathStart);
    String rest = spec.substring(pathStart);
    boolean trailingSlash = rest.endsWith("/");
    if (rest.equals("/") || (rest.startsWith("/") && isFolded(rest, 1, rest.length() - (trailingSlash ? 1 : 0)))) {
      return spec; // already folded, as a media root is
    }
    Deque<String> parts = new ArrayDeque<>();
    for (String segment : rest.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (parts.isEmpty()) {
          throw new MediaException(Reason.PATH_TRAVERSAL, "'" + what + "' climbs above the top of its filesystem");
        }
        parts.removeLast();
      } else {
        parts.addLast(segment);
      }
    }
    String joined = String.join("/", parts);
    boolean rooted = rest.startsWith("/") || !prefix.isEmpty();
    String out = prefix + (rooted ? "/" : "") + joined;
    return trailingSlash && !joined.isEmpty() ? out + "/" : out;
  }

  /** The final extension (lower case, without the dot) of a path, or "" when there is none. */
  public static String extension(String path) {
    int slash = path.lastIndexOf('/');
    int dot = path.lastIndexOf('.');
    return dot > slash + 1 ? path.substring(dot + 1).toLowerCase(java.util.Locale.ROOT) : "";
  }

  /** The path without its final extension ({@code a/b/v1.mp4} → {@code a/b/v1}). */
  public static String withoutExtension(String path) {
    int slash = path.lastIndexOf('/');
    int dot = path.lastIndexOf('.');
    return dot > slash + 1 ? path.substring(0, dot) : path;
  }
}
