package io.omniprep.io;

import org.apache.beam.sdk.io.FileSystems;

/** What {@code FileSystems.match} reads as a glob, and the fixed folder in front of one. */
public final class Globs {
  private Globs() {}

  /**
   * Whether some filesystem's {@code match} reads {@code spec} as a glob: Beam's {@link
   * FileSystems#hasGlobWildcard} ({@code * ? { }}), plus {@code [}, a wildcard to the GCS and S3
   * matchers.
   */
  public static boolean hasWildcard(String spec) {
    return FileSystems.hasGlobWildcard(spec) || spec.indexOf('[') >= 0;
  }

  /**
   * The folder part of {@code spec} in front of its first wildcard, ending in {@code /} (empty when
   * the wildcard is in the first name); the folder of {@code spec} when it has none.
   */
  public static String fixedFolder(String spec) {
    int end = spec.length();
    for (int i = 0; i < spec.length(); i++) {
      if (hasWildcard(String.valueOf(spec.charAt(i)))) {
        end = i;
        break;
      }
    }
    return spec.substring(0, spec.lastIndexOf('/', end - 1) + 1);
  }
}
