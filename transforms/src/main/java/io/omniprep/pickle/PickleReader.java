package io.omniprep.pickle;

import static io.omniprep.pickle.Opcodes.APPENDS;
import static io.omniprep.pickle.Opcodes.BINBYTES;
import static io.omniprep.pickle.Opcodes.EMPTY_LIST;
import static io.omniprep.pickle.Opcodes.MARK;
import static io.omniprep.pickle.Opcodes.PROTO;
import static io.omniprep.pickle.Opcodes.SHORT_BINBYTES;
import static io.omniprep.pickle.Opcodes.STOP;

import io.omniprep.io.BoundedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Streams the pickles omniprep's WebDataset layouts write ({@code jpgs}, {@code wavs}: a list of
 * bytes; {@code videos}, {@code mp4s}: a list of lists of bytes; see {@link PickleWriter}) without
 * holding them: each bytes item is offered to a {@link Visitor} as a stream of exactly its bytes
 * (what it leaves unread is skipped), and the end of each list is reported with its item count.
 * Only those opcodes are accepted (PROTO, EMPTY_LIST, MARK, APPENDS, SHORT_BINBYTES, BINBYTES,
 * STOP); anything else is not an omniprep pickle and is an error.
 */
public final class PickleReader {
  /** What a pickle holds, as it is read. {@code depth} is 1 for the outer list. */
  public interface Visitor {
    default void bytes(int depth, long length, InputStream content) throws IOException {}

    default void listEnd(int depth, long items) {}
  }

  private PickleReader() {}

  /** Reads one pickle from {@code in} up to its STOP opcode. */
  public static void read(InputStream in, Visitor visitor) throws IOException {
    if (next(in) != PROTO) {
      throw new IOException("not a pickle (no PROTO opcode)");
    }
    next(in); // protocol version
    Deque<long[]> open = new ArrayDeque<>(); // per open list: {items, marked}
    while (true) {
      int op = next(in);
      if (op != MARK && !open.isEmpty() && open.peek()[1] == 0 && open.size() > 1) {
        endList(open, visitor); // an inner list without items has no MARK/APPENDS: it ended here
      }
      switch (op) {
        case EMPTY_LIST -> {
          if (!open.isEmpty()) {
            requireMarked(open);
            open.peek()[0]++;
          }
          open.push(new long[] {0, 0});
        }
        case MARK -> {
          if (open.isEmpty() || open.peek()[1] != 0) {
            throw new IOException("unexpected MARK");
          }
          open.peek()[1] = 1;
        }
        case SHORT_BINBYTES, BINBYTES -> {
          requireMarked(open);
          long length = op == SHORT_BINBYTES ? next(in) : next(in) | next(in) << 8 | next(in) << 16 | (long) next(in) << 24;
          open.peek()[0]++;
          BoundedInputStream item = BoundedInputStream.slice(in, length, "pickle item");
          visitor.bytes(open.size(), length, item);
          item.skipRest();
        }
        case APPENDS -> {
          requireMarked(open);
          endList(open, visitor);
        }
        case STOP -> {
          if (open.size() == 1 && open.peek()[1] == 0) {
            endList(open, visitor); // the empty outer list
          }
          if (!open.isEmpty()) {
            throw new IOException("pickle ends inside a list");
          }
          return;
        }
        default -> throw new IOException("not an omniprep list pickle: opcode 0x" + Integer.toHexString(op));
      }
    }
  }

  private static void endList(Deque<long[]> open, Visitor visitor) {
    int depth = open.size();
    visitor.listEnd(depth, open.pop()[0]);
  }

  private static void requireMarked(Deque<long[]> open) throws IOException {
    if (open.isEmpty() || open.peek()[1] == 0) {
      throw new IOException("list item outside a MARK");
    }
  }

  private static int next(InputStream in) throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException("pickle cut short");
    }
    return b;
  }
}
