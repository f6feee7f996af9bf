package io.omniprep.pickle;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Test-only decoder for exactly the pickles {@link PickleWriter} emits (lists and bytes, protocol
 * 2 to 5 header), so round trips can be checked without Python. Returns nested {@code List}s of
 * {@code byte[]}. Anything else is an error.
 */
public final class PickleValues {
  private PickleValues() {}

  public static Object read(byte[] p) {
    int i = 0;
    if ((p[i++] & 0xFF) != 0x80 || p[i] < 2 || p[i] > 5) {
      throw new IllegalArgumentException("no PROTO header");
    }
    i++;
    Deque<Object> stack = new ArrayDeque<>(); // values and MARK sentinels
    Object mark = new Object();
    while (true) {
      int op = p[i++] & 0xFF;
      switch (op) {
        case 0x5D -> stack.push(new ArrayList<>()); // EMPTY_LIST
        case 0x28 -> stack.push(mark); // MARK
        case 0x43 -> { // SHORT_BINBYTES
          int n = p[i++] & 0xFF;
          stack.push(slice(p, i, n));
          i += n;
        }
        case 0x42 -> { // BINBYTES
          long n = 0;
          for (int k = 3; k >= 0; k--) {
            n = (n << 8) | (p[i + k] & 0xFF);
          }
          i += 4;
          stack.push(slice(p, i, (int) n));
          i += (int) n;
        }
        case 0x65 -> { // APPENDS
          List<Object> items = new ArrayList<>();
          while (stack.peek() != mark) {
            items.add(0, stack.pop());
          }
          stack.pop();
          @SuppressWarnings("unchecked")
          List<Object> list = (List<Object>) stack.peek();
          list.addAll(items);
        }
        case 0x2E -> { // STOP
          if (stack.size() != 1 || i != p.length) {
            throw new IllegalArgumentException("malformed pickle: stack " + stack.size() + ", end " + i);
          }
          return stack.pop();
        }
        default -> throw new IllegalArgumentException("unexpected opcode " + Integer.toHexString(op));
      }
    }
  }

  private static byte[] slice(byte[] p, int from, int n) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(n);
    out.write(p, from, n);
    return out.toByteArray();
  }
}
