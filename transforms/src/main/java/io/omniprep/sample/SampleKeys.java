package io.omniprep.sample;

import io.omniprep.util.Sha256;
import java.util.Locale;

/**
 * Sample keys: {@code <stem>-<hash8>-<position>[-<ordinal>]}, e.g. {@code
 * blip_laion_cc_sbu_558k-1c9e5f0a-000000012}. The stem is the source file name (readable), the
 * hash (of the path under the inputs' common root, see {@link #of}) tells apart sources that share a
 * name, the zero-padded position makes keys sort in record
 * order. A key never holds {@code .} or {@code /}: WebDataset and Energon split a tar member name
 * at its first dot, so a dot in a key would split the sample.
 */
public final class SampleKeys {
  private static final int MAX_STEM = 40;
  /**
   * The {@code <stem>-<hash8>-} of the source this thread keyed last: records arrive by the
   * thousand from one source, and a SHA-256 per record was a tenth of the parse time.
   */
  private static final ThreadLocal<String[]> LAST_PREFIX = ThreadLocal.withInitial(() -> new String[2]);

  private SampleKeys() {}

  /**
   * The key of record {@code position} (and generated sample {@code ordinal}) of {@code source}: a
   * name that identifies the input among the run's inputs (a record file's path under the inputs'
   * common root, a dataset's name), not where it lies, so that moving the inputs keeps the keys.
   */
  public static String of(String source, long position, int ordinal) {
    StringBuilder key = new StringBuilder(64);
    key.append(prefix(source));
    if (position >= 0) {
      String digits = Long.toString(position);
      for (int i = digits.length(); i < 9; i++) {
        key.append('0');
      }
      key.append(digits);
    } else {
      key.append(String.format(Locale.ROOT, "%09d", position));
    }
    if (ordinal > 0) {
      key.append('-').append(ordinal);
    }
    return key.toString();
  }

  private static String prefix(String source) {
    String[] last = LAST_PREFIX.get();
    if (!source.equals(last[0])) {
      last[1] = stem(source) + '-' + hash8(source) + '-';
      last[0] = source;
    }
    return last[1];
  }

  /** The file name without directories and extensions, reduced to {@code [A-Za-z0-9_]}. */
  static String stem(String source) {
    String name = source;
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    if (slash >= 0) {
      name = name.substring(slash + 1);
    }
    int dot = name.indexOf('.');
    if (dot > 0) {
      name = name.substring(0, dot);
    }
    StringBuilder out = new StringBuilder(Math.min(name.length(), MAX_STEM));
    for (int i = 0; i < name.length() && out.length() < MAX_STEM; i++) {
      char c = name.charAt(i);
      boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
      out.append(safe ? c : '_');
    }
    return out.length() == 0 ? "src" : out.toString();
  }

  static String hash8(String source) {
    return java.util.HexFormat.of().formatHex(Sha256.of(source), 0, 4);
  }

  /** Returns the key if it is safe as a WebDataset key, else throws. */
  public static String requireSafe(String key) {
    if (key.isEmpty() || key.indexOf('.') >= 0 || key.indexOf('/') >= 0 || key.indexOf('\\') >= 0) {
      throw new IllegalArgumentException("not a WebDataset-safe key (empty, or has '.', '/' or '\\'): " + key);
    }
    for (int i = 0; i < key.length(); i++) {
      if (key.charAt(i) < 0x20) {
        throw new IllegalArgumentException("control character in key: " + key);
      }
    }
    return key;
  }
}
