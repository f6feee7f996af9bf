package io.omniprep.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The array-based fast path writes and accepts exactly what {@link Wire} does. */
class WireBuffersTest {
  private static final long[] LONGS = {0, 1, 127, 128, 16_383, 16_384, Integer.MAX_VALUE, 1L << 32, Long.MAX_VALUE, -1, Long.MIN_VALUE};
  private static final int[] INTS = {0, 1, 127, 128, 300, Integer.MAX_VALUE, -1, Integer.MIN_VALUE};
  private static final List<String> STRINGS =
      List.of("", "a", "plain ascii <image>\\n", "caf\u00e9", "\uD83D\uDE00 emoji", "lone \uD800 surrogate", "\u0000\u007f\u0080", "x".repeat(3000));

  @Test
  void writesTheSameBytesAsWire() throws IOException {
    WireWriter fast = WireWriter.reused();
    ByteArrayOutputStream slow = new ByteArrayOutputStream();
    for (long v : LONGS) {
      fast.writeLong(v);
      Wire.writeLong(v, slow);
    }
    for (int v : INTS) {
      fast.writeInt(v);
      Wire.writeInt(v, slow);
    }
    for (String s : STRINGS) {
      fast.writeString(s);
      Wire.writeString(s, slow);
      fast.writeNullableString(s);
      Wire.writeNullableString(s, slow);
    }
    fast.writeNullableString(null);
    Wire.writeNullableString(null, slow);
    fast.writeBoolean(true);
    Wire.writeBoolean(true, slow);
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    fast.writeTo(written);
    assertArrayEquals(slow.toByteArray(), written.toByteArray());
    assertEquals(slow.size(), fast.size());
  }

  @Test
  void readsWhatWireWrites() throws IOException {
    ByteArrayOutputStream slow = new ByteArrayOutputStream();
    for (long v : LONGS) {
      Wire.writeLong(v, slow);
    }
    for (int v : INTS) {
      Wire.writeInt(v, slow);
    }
    for (String s : STRINGS) {
      Wire.writeNullableString(s, slow);
    }
    Wire.writeNullableString(null, slow);
    WireReader fast = new WireReader(slow.toByteArray());
    ByteArrayInputStream reference = new ByteArrayInputStream(slow.toByteArray());
    for (long v : LONGS) {
      assertEquals(Wire.readLong(reference), fast.readLong());
    }
    for (int v : INTS) {
      assertEquals(Wire.readInt(reference), fast.readInt());
    }
    for (String s : STRINGS) {
      assertEquals(Wire.readNullableString(reference), fast.readNullableString());
    }
    assertEquals(null, fast.readNullableString());
    assertThrows(EOFException.class, fast::readBoolean);
  }

  /** Every string comes back as it went, a lone surrogate too (UTF-8 alone would make it '?'). */
  @Test
  void stringsRoundTrip() throws IOException {
    List<String> hard = List.of("a\uD800b", "\uDC00", "end \uDBFF", "\uDC00\uD800 reversed pair", "real \uFFFD kept", "\uD83D\uDE00\uD800");
    for (String s : concat(STRINGS, hard)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Wire.writeString(s, out);
      assertEquals(s, Wire.readString(new ByteArrayInputStream(out.toByteArray())));
      WireWriter fast = WireWriter.reused();
      fast.writeString(s);
      ByteArrayOutputStream written = new ByteArrayOutputStream();
      fast.writeTo(written);
      assertArrayEquals(out.toByteArray(), written.toByteArray(), s);
      assertEquals(s, new WireReader(written.toByteArray()).readString());
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  @Test
  void refusesWhatWireRefuses() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Wire.writeString("truncated", out);
    byte[] cut = Arrays.copyOf(out.toByteArray(), 5);
    assertThrows(EOFException.class, () -> new WireReader(cut).readString());
    assertThrows(EOFException.class, () -> Wire.readString(new ByteArrayInputStream(cut)));

    ByteArrayOutputStream big = new ByteArrayOutputStream();
    Wire.writeLong(1L << 40, big);
    assertThrows(IOException.class, () -> new WireReader(big.toByteArray()).readInt());
    assertThrows(IOException.class, () -> Wire.readInt(new ByteArrayInputStream(big.toByteArray())));

    byte[] unterminated = {(byte) 0x80, (byte) 0x80};
    assertThrows(IOException.class, () -> new WireReader(unterminated).readLong());
    byte[] tooLong = new byte[11];
    Arrays.fill(tooLong, (byte) 0xFF);
    assertThrows(IOException.class, () -> new WireReader(tooLong).readLong());
    assertThrows(IOException.class, () -> Wire.readLong(new ByteArrayInputStream(tooLong)));
  }
}
