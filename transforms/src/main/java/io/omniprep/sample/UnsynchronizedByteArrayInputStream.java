package io.omniprep.sample;

import java.io.InputStream;

/**
 * Reads a byte array without the per-call lock of {@link java.io.ByteArrayInputStream}: decoding a
 * sample reads one byte at a time, millions of times.
 */
final class UnsynchronizedByteArrayInputStream extends InputStream {
  private final byte[] bytes;
  private int pos;

  UnsynchronizedByteArrayInputStream(byte[] bytes) {
    this.bytes = bytes;
  }

  @Override
  public int read() {
    return pos < bytes.length ? bytes[pos++] & 0xff : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (pos >= bytes.length) {
      return len == 0 ? 0 : -1;
    }
    int n = Math.min(len, bytes.length - pos);
    System.arraycopy(bytes, pos, b, off, n);
    pos += n;
    return n;
  }

  @Override
  public byte[] readNBytes(int len) {
    int n = Math.min(len, bytes.length - pos);
    byte[] out = java.util.Arrays.copyOfRange(bytes, pos, pos + n);
    pos += n;
    return out;
  }

  @Override
  public int available() {
    return bytes.length - pos;
  }
}
