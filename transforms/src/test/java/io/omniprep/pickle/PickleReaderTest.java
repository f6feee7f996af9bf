package io.omniprep.pickle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PickleReaderTest {
  private static byte[] bytes(int length, int seed) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) (seed * 31 + i);
    }
    return b;
  }

  /** What a reader sees: "item d n" per bytes item (its first 4 bytes checked), "end d n" per list end. */
  private static List<String> events(byte[] pickle, List<byte[]> expectedItems) throws IOException {
    List<String> events = new ArrayList<>();
    int[] next = {0};
    InputStream in = new ByteArrayInputStream(pickle);
    PickleReader.read(in, new PickleReader.Visitor() {
      @Override
      public void bytes(int depth, long length, InputStream content) throws IOException {
        byte[] expected = expectedItems.get(next[0]++);
        byte[] head = content.readNBytes(4); // the rest is left for the reader to skip
        assertArrayEquals(Arrays.copyOf(expected, Math.min(4, expected.length)), head);
        events.add("item " + depth + " " + length);
      }

      @Override
      public void listEnd(int depth, long items) {
        events.add("end " + depth + " " + items);
      }
    });
    assertEquals(-1, in.read(), "nothing after STOP is read");
    return events;
  }

  @Test
  void readsAFlatListItemByItemWithoutHoldingIt() throws IOException {
    List<byte[]> items = List.of(bytes(3, 1), bytes(0, 2), bytes(300, 3), bytes(70_000, 4));
    assertEquals(List.of("item 1 3", "item 1 0", "item 1 300", "item 1 70000", "end 1 4"), events(PickleWriter.encode(items), items));
    assertEquals(List.of("end 1 0"), events(PickleWriter.encode(List.of()), List.of()));
  }

  @Test
  void readsNestedListsIncludingEmptyOnes() throws IOException {
    List<List<byte[]>> lists = List.of(List.of(), List.of(bytes(10, 1), bytes(256, 2)), List.of(), List.of(bytes(1, 3)), List.of());
    List<byte[]> flat = new ArrayList<>();
    lists.forEach(flat::addAll);
    assertEquals(
        List.of("end 2 0", "item 2 10", "item 2 256", "end 2 2", "end 2 0", "item 2 1", "end 2 1", "end 2 0", "end 1 5"),
        events(PickleWriter.encodeNested(lists), flat));
  }

  @Test
  void refusesWhatOmniprepDoesNotWrite() {
    // A pickled dict, a truncated list, and a list cut inside an item.
    byte[] list = PickleWriter.encode(List.of(bytes(20, 1)));
    assertThrows(IOException.class, () -> events(new byte[] {(byte) 0x80, 3, '}', '.'}, List.of()));
    assertThrows(IOException.class, () -> events(Arrays.copyOf(list, 3), List.of()));
    assertThrows(IOException.class, () -> events(Arrays.copyOf(list, 10), List.of(bytes(20, 1))));
  }
}
