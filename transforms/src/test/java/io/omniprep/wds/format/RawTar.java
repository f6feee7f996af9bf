package io.omniprep.wds.format;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An independent, strict reader of raw 512-byte tar headers for tests: verifies checksums,
 * magic, the end-of-archive marker and that nothing follows it, and reports where every member's
 * first header block and data start.
 */
final class RawTar {
  record Entry(long headerOffset, long dataOffset, String name, long size, boolean hasPax) {}

  record Parsed(List<Entry> entries, long endOffset) {}

  private RawTar() {}

  static Parsed parse(byte[] tar) {
    List<Entry> entries = new ArrayList<>();
    int pos = 0;
    while (true) {
      byte[] h = Arrays.copyOfRange(tar, pos, pos + 512);
      if (allZero(h)) {
        assertArrayEquals(new byte[512], Arrays.copyOfRange(tar, pos + 512, pos + 1024), "second EOF block");
        assertEquals(pos + 1024, tar.length, "bytes after the end-of-archive marker");
        return new Parsed(entries, pos);
      }
      int start = pos;
      Map<String, String> pax = new HashMap<>();
      checkHeader(h);
      if (h[156] == 'x') {
        int paxSize = (int) octal(h, 124, 12);
        pax = records(Arrays.copyOfRange(tar, pos + 512, pos + 512 + paxSize));
        pos += 512 + roundUp(paxSize);
        h = Arrays.copyOfRange(tar, pos, pos + 512);
        checkHeader(h);
      }
      assertEquals('0', h[156], "typeflag at " + pos);
      String name = pax.containsKey("path") ? pax.get("path") : cString(h, 0, 100);
      long size = pax.containsKey("size") ? Long.parseLong(pax.get("size")) : octal(h, 124, 12);
      entries.add(new Entry(start, pos + 512, name, size, start != pos));
      pos += 512 + roundUp(size);
    }
  }

  static void checkHeader(byte[] h) {
    long sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xFF);
    }
    assertEquals(sum, octal(h, 148, 7), "checksum");
    assertEquals(' ', h[155]);
    assertEquals("ustar\0", new String(h, 257, 6, US_ASCII));
    assertEquals("00", new String(h, 263, 2, US_ASCII));
    assertEquals("0000444\0", new String(h, 100, 8, US_ASCII), "mode");
    assertEquals("0000000\0", new String(h, 108, 8, US_ASCII), "uid");
    assertEquals("0000000\0", new String(h, 116, 8, US_ASCII), "gid");
    assertArrayEquals(new byte[64], Arrays.copyOfRange(h, 265, 329), "uname/gname");
  }

  static long octal(byte[] h, int off, int len) {
    assertEquals(0, h[off + len - 1], "octal field NUL terminator");
    return Long.parseLong(new String(h, off, len - 1, US_ASCII), 8);
  }

  private static Map<String, String> records(byte[] body) {
    Map<String, String> out = new HashMap<>();
    int i = 0;
    while (i < body.length) {
      int space = i;
      while (body[space] != ' ') {
        space++;
      }
      int len = Integer.parseInt(new String(body, i, space - i, US_ASCII));
      assertEquals('\n', body[i + len - 1], "PAX record terminator");
      String kv = new String(body, space + 1, i + len - 1 - space - 1, UTF_8);
      int eq = kv.indexOf('=');
      out.put(kv.substring(0, eq), kv.substring(eq + 1));
      i += len;
    }
    return out;
  }

  private static String cString(byte[] h, int off, int len) {
    int end = off;
    while (end < off + len && h[end] != 0) {
      end++;
    }
    return new String(h, off, end - off, UTF_8);
  }

  private static boolean allZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static int roundUp(long n) {
    return (int) ((n + 511) / 512 * 512);
  }
}
