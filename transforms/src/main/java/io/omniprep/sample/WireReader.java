package io.omniprep.sample;

import java.io.EOFException;
import java.io.IOException;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Reads {@link Wire}'s encodings from an array in place: strings are decoded from the array
 * without an intermediate copy. Accepts and refuses exactly what {@link Wire} does.
 */
final class WireReader {
  private final byte[] bytes;
  private int pos;

  WireReader(byte[] bytes) {
    this.bytes = bytes;
  }

  int readInt() throws IOException {
    long value = readLong();
    if (value < 0 || value >= 1L << 32) {
      throw new IOException("varint overflow " + value);
    }
    return (int) value;
  }

  long readLong() throws IOException {
    long result = 0;
    int shift = 0;
    int b;
    do {
      if (pos >= bytes.length) {
        throw shift == 0 ? new EOFException() : new IOException("varint not terminated");
      }
      b = bytes[pos++] & 0xFF;
      long bits = b & 0x7F;
      if (shift >= 64 || (shift == 63 && bits > 1)) {
        throw new IOException("varint too long");
      }
      result |= bits << shift;
      shift += 7;
    } while ((b & 0x80) != 0);
    return result;
  }

  boolean readBoolean() throws IOException {
    if (pos >= bytes.length) {
      throw new EOFException();
    }
    return bytes[pos++] != 0;
  }

  String readString() throws IOException {
    int length = readInt();
    if (length > bytes.length - pos) {
      throw new EOFException("string truncated");
    }
    String s = SurrogatePassUtf8.decode(bytes, pos, length);
    pos += length;
    return s;
  }

  @Nullable String readNullableString() throws IOException {
    return readBoolean() ? readString() : null;
  }
}
