package io.omniprep.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The bytes of Python's {@code s.encode("utf-8", "surrogatepass")}, worked out by hand from UTF-8's bit layout. */
class SurrogatePassUtf8Test {
  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  @Test
  void aLoneSurrogateIsItsThreeBytesAndComesBack() {
    // U+D800 = 1101 100000 000000 -> 1110_1101 10_100000 10_000000
    assertArrayEquals(bytes('a', 0xED, 0xA0, 0x80, 'b'), SurrogatePassUtf8.encode("a\uD800b"));
    assertArrayEquals(bytes(0xED, 0xBF, 0xBF, 0xED, 0xA0, 0x80), SurrogatePassUtf8.encode("\uDFFF\uD800"));
    for (String s : new String[] {"a\uD800b", "\uDFFF\uD800", "\uDBFF", "x\uDC00\uD83D\uDE00y\uD800"}) {
      byte[] encoded = SurrogatePassUtf8.encode(s);
      assertEquals(s, SurrogatePassUtf8.decode(encoded, 0, encoded.length));
    }
  }

  @Test
  void unicodeTextIsPlainUtf8() {
    assertArrayEquals(bytes(0xF0, 0x9F, 0x98, 0x80), SurrogatePassUtf8.encode("\uD83D\uDE00"));
    assertArrayEquals(bytes('c', 'a', 'f', 0xC3, 0xA9), SurrogatePassUtf8.encode("caf\u00e9"));
    assertEquals("real \uFFFD", SurrogatePassUtf8.decode(bytes('r', 'e', 'a', 'l', ' ', 0xEF, 0xBF, 0xBD), 0, 8));
    assertEquals("\uFFFDx", SurrogatePassUtf8.decode(bytes(0xFF, 'x'), 0, 2), "other bad bytes decode as Java decodes them");
    assertEquals("\uD800", SurrogatePassUtf8.decode(bytes('_', 0xED, 0xA0, 0x80, '_'), 1, 3), "an offset and length are honoured");
  }

  /** Each code point by UTF-8's bit layout, a lone surrogate (which codePoints() yields as itself) as any other. */
  private static byte[] byCodePoint(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    s.codePoints().forEach(c -> {
      if (c < 0x80) {
        out.write(c);
      } else if (c < 0x800) {
        out.write(0xC0 | c >> 6);
        out.write(0x80 | c & 0x3F);
      } else if (c < 0x10000) {
        out.write(0xE0 | c >> 12);
        out.write(0x80 | c >> 6 & 0x3F);
        out.write(0x80 | c & 0x3F);
      } else {
        out.write(0xF0 | c >> 18);
        out.write(0x80 | c >> 12 & 0x3F);
        out.write(0x80 | c >> 6 & 0x3F);
        out.write(0x80 | c & 0x3F);
      }
    });
    return out.toByteArray();
  }

  @Test
  void randomTextWithQuestionMarksAndSurrogatesMatchesTheCodePointLayout() {
    char[] alphabet = {'a', '?', ' ', '\u00e9', '\u4e2d', '\uD83D', '\uDE00', '\uD800', '\uDFFF'};
    Random random = new Random(7);
    for (int n = 0; n < 5000; n++) {
      char[] text = new char[random.nextInt(12)];
      for (int i = 0; i < text.length; i++) {
        text[i] = alphabet[random.nextInt(n % 2 == 0 ? 5 : alphabet.length)];
      }
      String s = new String(text);
      assertArrayEquals(byCodePoint(s), SurrogatePassUtf8.encode(s), s);
      byte[] encoded = SurrogatePassUtf8.encode(s);
      assertEquals(s, SurrogatePassUtf8.decode(encoded, 0, encoded.length));
    }
  }
}
