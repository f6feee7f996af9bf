package io.omniprep.pickle;

import static io.omniprep.pickle.Opcodes.APPENDS;
import static io.omniprep.pickle.Opcodes.BINBYTES;
import static io.omniprep.pickle.Opcodes.EMPTY_LIST;
import static io.omniprep.pickle.Opcodes.MARK;
import static io.omniprep.pickle.Opcodes.PROTO;
import static io.omniprep.pickle.Opcodes.SHORT_BINBYTES;
import static io.omniprep.pickle.Opcodes.STOP;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * A minimal protocol-3 pickle encoder for (nested) lists of {@code bytes}, the payload of Pai's
 * {@code jpgs}/{@code videos}/{@code mp4s}/{@code mp3s} members (docs/FORMATS.md §3.3).
 *
 * <p>Encoding: {@code PROTO 3}, then per list {@code EMPTY_LIST} and, if it has items,
 * {@code MARK} items {@code APPENDS}; a bytes item is {@code SHORT_BINBYTES} (length &lt; 256) or
 * {@code BINBYTES} (uint32 little-endian length); finally {@code STOP}. Python's
 * {@code pickle.loads} reads this as the same object its own pickler would produce.
 *
 * <p>Because a tar header needs the member size first, {@link #encodedSize(long[])} and
 * {@link #encodedSizeNested(long[][])} give the exact byte count from item lengths alone, and an
 * instance streams the encoding: {@link #beginList()}, {@link #item} ..., {@link #endList()}.
 * Closing the outermost list writes {@code STOP}. The MARK of a list is written lazily before its
 * first element, so the caller never states item counts up front. After an exception the output
 * is incomplete and the instance should be discarded. Not thread-safe.
 */
public final class PickleWriter {
  /** BINBYTES carries a uint32 length; larger items would need protocol 4. */
  public static final long MAX_ITEM_LENGTH = 0xFFFF_FFFFL;

  private final OutputStream out;
  /** One entry per open list: whether its MARK has been written. */
  private final Deque<boolean[]> open = new ArrayDeque<>();
  private boolean started;
  private boolean done;

  /** An encoder writing to {@code out}, which it never closes. */
  public PickleWriter(OutputStream out) {
    this.out = Objects.requireNonNull(out, "out");
  }

  /** Exact size of the pickle of a {@code list[bytes]} with the given item lengths. */
  public static long encodedSize(long[] itemLengths) {
    return 3 + listSize(itemLengths); // PROTO 3 ... STOP
  }

  /** Exact size of the pickle of a {@code list[list[bytes]]} with the given item lengths. */
  public static long encodedSizeNested(long[][] itemLengths) {
    long inner = 0;
    for (long[] list : itemLengths) {
      inner += listSize(list);
    }
    return 3 + 1 + (itemLengths.length > 0 ? 2 + inner : 0);
  }

  /** Pickles a {@code list[bytes]} in memory. */
  public static byte[] encode(List<byte[]> items) {
    return encodeInMemory(null, items);
  }

  /** Pickles a {@code list[list[bytes]]} in memory. */
  public static byte[] encodeNested(List<List<byte[]>> lists) {
    return encodeInMemory(lists, null);
  }

  private static byte[] encodeInMemory(List<List<byte[]>> lists, List<byte[]> flat) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PickleWriter w = new PickleWriter(buf);
    try {
      w.beginList();
      if (flat != null) {
        for (byte[] item : flat) {
          w.item(item);
        }
      } else {
        for (List<byte[]> inner : lists) {
          w.beginList();
          for (byte[] item : inner) {
            w.item(item);
          }
          w.endList();
        }
      }
      w.endList();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen with a ByteArrayOutputStream
    }
    return buf.toByteArray();
  }

  /** Opens a list: the top-level value, or an element of the list that is currently open. */
  public void beginList() throws IOException {
    if (done) {
      throw new IllegalStateException("pickle already complete");
    }
    if (!started) {
      writeByte(PROTO);
      writeByte(3);
      started = true;
    } else {
      elementOfCurrentList();
    }
    writeByte(EMPTY_LIST);
    open.push(new boolean[] {false});
  }

  /** Appends a bytes item to the open list. */
  public void item(byte[] data) throws IOException {
    itemHeader(data.length);
    out.write(data);
  }

  /**
   * Appends a bytes item made of the next {@code length} bytes of {@code data}, read exactly;
   * {@code data} is not closed.
   */
  public void item(long length, InputStream data) throws IOException {
    itemHeader(length);
    byte[] buf = new byte[(int) Math.min(64 * 1024, Math.max(length, 1))];
    long left = length;
    while (left > 0) {
      int n = data.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        throw new IOException("item stream ended after " + (length - left) + " of " + length + " bytes");
      }
      out.write(buf, 0, n);
      left -= n;
    }
  }

  /** Closes the open list; closing the outermost list also writes STOP. */
  public void endList() throws IOException {
    if (open.isEmpty()) {
      throw new IllegalStateException("no open list");
    }
    if (open.pop()[0]) {
      writeByte(APPENDS);
    }
    if (open.isEmpty()) {
      writeByte(STOP);
      done = true;
    }
  }

  private static long listSize(long[] itemLengths) {
    long items = 0;
    for (long len : itemLengths) {
      items += itemSize(len);
    }
    return 1 + (itemLengths.length > 0 ? 2 + items : 0); // EMPTY_LIST [MARK ... APPENDS]
  }

  private static long itemSize(long length) {
    checkLength(length);
    return (length < 256 ? 2 : 5) + length;
  }

  private static void checkLength(long length) {
    if (length < 0 || length > MAX_ITEM_LENGTH) {
      throw new IllegalArgumentException("bytes item length out of range: " + length);
    }
  }

  private void itemHeader(long length) throws IOException {
    checkLength(length);
    if (open.isEmpty()) {
      throw new IllegalStateException("items must go into a list");
    }
    elementOfCurrentList();
    if (length < 256) {
      writeByte(SHORT_BINBYTES);
      writeByte((int) length);
    } else {
      writeByte(BINBYTES);
      for (int i = 0; i < 4; i++) {
        writeByte((int) (length >>> (8 * i)));
      }
    }
  }

  private void elementOfCurrentList() throws IOException {
    if (open.isEmpty()) {
      throw new IllegalStateException("pickle already complete");
    }
    boolean[] marked = open.peek();
    if (!marked[0]) {
      writeByte(MARK);
      marked[0] = true;
    }
  }

  private void writeByte(int b) throws IOException {
    out.write(b & 0xFF);
  }
}
