package io.omniprep.pickle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.omniprep.testing.PatternStream;
import io.omniprep.testing.Python3;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class PickleWriterTest {
  private static final int[] LENGTHS = {0, 1, 2, 255, 256, 257, 1000, 70_000};

  static List<byte[]> items(int... lengths) {
    List<byte[]> items = new ArrayList<>();
    for (int i = 0; i < lengths.length; i++) {
      items.add(PatternStream.bytes(lengths[i], i + 7));
    }
    return items;
  }

  static long[] lengths(List<byte[]> items) {
    return items.stream().mapToLong(b -> b.length).toArray();
  }

  static List<List<byte[]>> nestedFixture() {
    return List.of(items(3, 300), List.of(), items(0), items(LENGTHS));
  }

  @Test
  void goldenBytes() {
    HexFormat hex = HexFormat.of();
    assertEquals("80035d2e", hex.formatHex(PickleWriter.encode(List.of())));
    assertEquals("80035d2843026162" + "65" + "2e",
        hex.formatHex(PickleWriter.encode(List.of("ab".getBytes()))));
    assertEquals("80035d28" + "5d28430266314302663265" + "5d" + "652e",
        hex.formatHex(PickleWriter.encodeNested(List.of(
            List.of("f1".getBytes(), "f2".getBytes()), List.of()))));
    byte[] big = PickleWriter.encode(List.of(new byte[256]));
    assertEquals("80035d284200010000", hex.formatHex(big, 0, 9));
  }

  @Test
  void computedSizesEqualEncodedSizes() {
    for (int n = 0; n <= LENGTHS.length; n++) {
      int[] prefix = java.util.Arrays.copyOf(LENGTHS, n);
      List<byte[]> flat = items(prefix);
      assertEquals(PickleWriter.encode(flat).length, PickleWriter.encodedSize(lengths(flat)), "n=" + n);
    }
    List<List<byte[]>> nested = nestedFixture();
    long[][] nestedLengths = nested.stream().map(PickleWriterTest::lengths).toArray(long[][]::new);
    assertEquals(PickleWriter.encodeNested(nested).length, PickleWriter.encodedSizeNested(nestedLengths));
    assertEquals(PickleWriter.encodeNested(List.of()).length, PickleWriter.encodedSizeNested(new long[0][]));
  }

  @Test
  void streamingEncoderMatchesInMemoryEncoding() throws IOException {
    List<List<byte[]>> nested = nestedFixture();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PickleWriter w = new PickleWriter(out);
    w.beginList();
    for (List<byte[]> inner : nested) {
      w.beginList();
      for (byte[] item : inner) {
        w.item(item.length, new ByteArrayInputStream(item));
      }
      w.endList();
    }
    w.endList();
    assertThrows(IllegalStateException.class, w::beginList, "the outermost list closed the pickle");
    assertEquals(PickleWriter.encodedSizeNested(nested.stream().map(PickleWriterTest::lengths).toArray(long[][]::new)), out.size());
    assertArrayEquals(PickleWriter.encodeNested(nested), out.toByteArray());
  }

  @Test
  void roundTripsThroughTheTestReader() {
    List<byte[]> flat = items(LENGTHS);
    assertDeepEquals(flat, PickleValues.read(PickleWriter.encode(flat)));
    assertDeepEquals(List.of(), PickleValues.read(PickleWriter.encode(List.of())));
    List<List<byte[]>> nested = nestedFixture();
    assertDeepEquals(nested, PickleValues.read(PickleWriter.encodeNested(nested)));
  }

  @Test
  void pythonUnpicklesTheExpectedObjects() {
    Python3.assumeAvailable();
    List<byte[]> flat = items(LENGTHS);
    List<List<byte[]>> nested = nestedFixture();
    // Python rebuilds each expected object from hex and compares with pickle.loads.
    String script = String.join("\n",
        "import sys, pickle",
        "data = sys.stdin.buffer.read().split(b'\\n')",
        "def build(s):",
        "    return eval(s, {'h': bytes.fromhex})",
        "for i in range(0, len(data) - 1, 2):",
        "    got = pickle.loads(bytes.fromhex(data[i].decode()))",
        "    want = build(data[i + 1].decode())",
        "    print('ok' if got == want and type(got) is list else 'MISMATCH %r' % (got,))");
    StringBuilder in = new StringBuilder();
    appendCase(in, PickleWriter.encode(List.of()), "[]");
    appendCase(in, PickleWriter.encode(flat), pyList(flat));
    appendCase(in, PickleWriter.encodeNested(nested), "[" + String.join(", ",
        nested.stream().map(PickleWriterTest::pyList).toList()) + "]");
    appendCase(in, PickleWriter.encodeNested(List.of(List.of())), "[[]]");
    assertEquals("ok\nok\nok\nok\n", Python3.runText(script, in.toString()));
  }

  @Test
  void misuseIsRejected() throws IOException {
    PickleWriter w = new PickleWriter(new ByteArrayOutputStream());
    assertThrows(IllegalStateException.class, () -> w.item(new byte[1]));
    assertThrows(IllegalStateException.class, w::endList);
    w.beginList();
    w.endList();
    assertThrows(IllegalStateException.class, w::beginList);
    assertThrows(IllegalArgumentException.class,
        () -> PickleWriter.encodedSize(new long[] {PickleWriter.MAX_ITEM_LENGTH + 1}));
    assertThrows(IllegalArgumentException.class, () -> PickleWriter.encodedSize(new long[] {-1}));
    PickleWriter shortItem = new PickleWriter(new ByteArrayOutputStream());
    shortItem.beginList();
    assertThrows(IOException.class, () -> shortItem.item(10, new ByteArrayInputStream(new byte[9])));
  }

  @Test
  void hugeItemSizeIsComputedWithoutData() {
    long len = PickleWriter.MAX_ITEM_LENGTH;
    assertEquals(3 + 1 + 2 + 5 + len, PickleWriter.encodedSize(new long[] {len}));
    assertEquals(3 + 1 + 2 + (1 + 2 + 2 + 255) + 1, PickleWriter.encodedSizeNested(new long[][] {{255}, {}}));
  }

  private static void appendCase(StringBuilder sb, byte[] pickle, String expected) {
    sb.append(HexFormat.of().formatHex(pickle)).append('\n').append(expected).append('\n');
  }

  private static String pyList(List<byte[]> items) {
    return "[" + String.join(", ", items.stream()
        .map(b -> "h('" + HexFormat.of().formatHex(b) + "')").toList()) + "]";
  }

  private static void assertDeepEquals(Object expected, Object actual) {
    if (expected instanceof byte[] e) {
      assertArrayEquals(e, (byte[]) actual);
      return;
    }
    List<?> e = (List<?>) expected;
    List<?> a = (List<?>) actual;
    assertEquals(e.size(), a.size());
    for (int i = 0; i < e.size(); i++) {
      assertDeepEquals(e.get(i), a.get(i));
    }
  }
}
