package io.omniprep.sample;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@link Wire}'s encodings written straight into a reusable array: no lock and no call per byte
 * (as {@link java.io.ByteArrayOutputStream} and Beam's {@code VarInt} cost), no buffer regrown per
 * sample. The bytes are exactly those {@link Wire} writes. Not thread-safe.
 */
final class WireWriter {
  /** A writer that grew past this while encoding one huge sample is not kept for the next one. */
  private static final int KEEP_LIMIT = 1 << 20;
  private static final ThreadLocal<WireWriter> PER_THREAD = ThreadLocal.withInitial(WireWriter::new);

  private byte[] buf = new byte[512];
  private int size;

  /** This thread's writer, emptied. */
  static WireWriter reused() {
    WireWriter w = PER_THREAD.get();
    if (w.buf.length > KEEP_LIMIT) {
      w = new WireWriter();
      PER_THREAD.set(w);
    }
    w.size = 0;
    return w;
  }

  int size() {
    return size;
  }

  void writeTo(OutputStream out) throws IOException {
    out.write(buf, 0, size);
  }

  void writeInt(int value) {
    writeLong(value & 0xFFFFFFFFL);
  }

  /** Unsigned LEB128, as Beam's {@code VarInt}: 7 bits a byte, low first. */
  void writeLong(long value) {
    ensure(10);
    long v = value;
    while ((v & ~0x7FL) != 0) {
      buf[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[size++] = (byte) v;
  }

  void writeBoolean(boolean value) {
    ensure(1);
    buf[size++] = (byte) (value ? 1 : 0);
  }

  void writeString(String value) {
    byte[] bytes = SurrogatePassUtf8.encode(value);
    writeInt(bytes.length);
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, size, bytes.length);
    size += bytes.length;
  }

  void writeNullableString(@Nullable String value) {
    writeBoolean(value != null);
    if (value != null) {
      writeString(value);
    }
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }
}
