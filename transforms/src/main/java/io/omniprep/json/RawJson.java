package io.omniprep.json;

import java.nio.charset.StandardCharsets;

/** Raw JSON text helpers: fields kept verbatim are stored without insignificant whitespace. */
public final class RawJson {
  private RawJson() {}

  /**
   * Removes whitespace outside strings, keeping every other byte (number spellings, escapes, key
   * order) exactly as written.
   */
  public static String minify(byte[] bytes, int from, int to) {
    StringBuilder out = null;
    boolean inString = false;
    int copied = from;
    for (int i = from; i < to; i++) {
      int c = bytes[i] & 0xff;
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
        if (out == null) {
          out = new StringBuilder(to - from);
        }
        out.append(new String(bytes, copied, i - copied, StandardCharsets.UTF_8));
        copied = i + 1;
      }
    }
    String tail = new String(bytes, copied, to - copied, StandardCharsets.UTF_8);
    return out == null ? tail : out.append(tail).toString();
  }
}
