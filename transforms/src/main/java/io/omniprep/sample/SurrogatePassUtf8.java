package io.omniprep.sample;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 that keeps a lone surrogate, as Python's {@code str.encode("utf-8", "surrogatepass")} does
 * (U+D800 as {@code ED A0 80}): Java's UTF-8 would write it as '?' and read those bytes back as
 * U+FFFD. Python's json keeps a lone surrogate escape ({@code "\ud800"}) as one, so a record may
 * hold one in any string; what omniprep carries between steps or hashes must not lose it. Strings
 * without one (nearly all) are Java's UTF-8 as is: Java writes a lone surrogate as '?', so bytes
 * without a '?' need no scan of the string's characters.
 */
public final class SurrogatePassUtf8 {
  private SurrogatePassUtf8() {}

  public static byte[] encode(String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    if (indexOf(utf8, (byte) '?') < 0) {
      return utf8;
    }
    int lone = loneSurrogate(s, 0);
    if (lone < 0) {
      return utf8;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() + 16);
    int start = 0;
    for (; lone >= 0; lone = loneSurrogate(s, start)) {
      out.writeBytes(s.substring(start, lone).getBytes(StandardCharsets.UTF_8));
      char c = s.charAt(lone);
      out.write(0xE0 | (c >> 12));
      out.write(0x80 | ((c >> 6) & 0x3F));
      out.write(0x80 | (c & 0x3F));
      start = lone + 1;
    }
    out.writeBytes(s.substring(start).getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /** Decodes what {@link #encode} wrote; other bytes that are not UTF-8 become U+FFFD, as in Java. */
  public static String decode(byte[] bytes, int offset, int length) {
    String s = new String(bytes, offset, length, StandardCharsets.UTF_8);
    if (s.indexOf('\uFFFD') < 0) {
      return s;
    }
    // ED A0..BF 80..BF is a surrogate's three bytes: UTF-8 proper never holds them.
    StringBuilder out = new StringBuilder(s.length());
    int end = offset + length;
    int start = offset;
    for (int i = offset; i + 2 < end; i++) {
      if ((bytes[i] & 0xFF) == 0xED && (bytes[i + 1] & 0xE0) == 0xA0 && (bytes[i + 2] & 0xC0) == 0x80) {
        out.append(new String(bytes, start, i - start, StandardCharsets.UTF_8));
        out.append((char) (0xD000 | ((bytes[i + 1] & 0x3F) << 6) | (bytes[i + 2] & 0x3F)));
        i += 2;
        start = i + 1;
      }
    }
    return out.append(new String(bytes, start, end - start, StandardCharsets.UTF_8)).toString();
  }

  /** The JDK has no search of a byte array (and the project no Guava): a plain loop. */
  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  /** The index of the first surrogate that is not half of a pair, or -1. */
  public static int loneSurrogate(String s) {
    return loneSurrogate(s, 0);
  }

  private static int loneSurrogate(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }
}
