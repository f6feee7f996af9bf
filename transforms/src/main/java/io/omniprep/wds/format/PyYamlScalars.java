package io.omniprep.wds.format;

import java.util.regex.Pattern;

/**
 * Decides how PyYAML's {@code yaml.dump}/{@code yaml.safe_dump} (default options, block style)
 * writes a string, for a deliberately small alphabet where that decision is simple and verified
 * against PyYAML in the tests:
 *
 * <ul>
 *   <li>first character {@code [A-Za-z0-9_./]}, later ones also {@code -[],+=()@~};
 *   <li>such a string is written plain unless PyYAML's implicit resolvers (YAML 1.1 bool, null,
 *       int, float, timestamp, merge, value) would read it back as something other than a string,
 *       in which case PyYAML single-quotes it ({@code '123'}, {@code 'true'}, {@code '1.5'}).
 * </ul>
 *
 * Anything else (spaces, colons, quotes, non-ASCII, control characters, the empty string) is
 * rejected rather than guessed, because PyYAML's choice between plain, single- and double-quoted
 * styles for those depends on context rules not worth reproducing here.
 */
final class PyYamlScalars {
  /** PyYAML writes a mapping key as a simple key only while len(key) + len("!!str") &lt; 128. */
  static final int MAX_SIMPLE_KEY_LENGTH = 122;

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./][A-Za-z0-9_./\\-\\[\\],+=()@~]*");

  // YAML 1.1 implicit types as PyYAML's Resolver recognises them (restated, whole-string match).
  private static final Pattern NON_STRING = Pattern.compile(String.join("|",
      "yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF",
      "~|null|Null|NULL",
      "[-+]?(?:0b[0-1_]+|0[0-7_]+|0|[1-9][0-9_]*|0x[0-9a-fA-F_]+|[1-9][0-9_]*(?::[0-5]?[0-9])+)",
      "[-+]?[0-9][0-9_]*\\.[0-9_]*(?:[eE][-+][0-9]+)?",
      "\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?",
      "[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*",
      "[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)",
      "[0-9]{4}-[0-9]{2}-[0-9]{2}",
      "<<|="));

  private PyYamlScalars() {}

  /** Whether {@link #render} accepts {@code value}. */
  static boolean isSupported(String value) {
    return value != null && SAFE.matcher(value).matches();
  }

  /**
   * The scalar as PyYAML writes it: plain, or single-quoted when it would otherwise not load back
   * as a string.
   *
   * @throws IllegalArgumentException if the value is outside the supported alphabet
   */
  static String render(String value) {
    if (!isSupported(value)) {
      throw new IllegalArgumentException("not a YAML-safe name (allowed: first char [A-Za-z0-9_./],"
          + " then also -[],+=()@~): '" + value + "'");
    }
    return NON_STRING.matcher(value).matches() ? "'" + value + "'" : value;
  }
}
