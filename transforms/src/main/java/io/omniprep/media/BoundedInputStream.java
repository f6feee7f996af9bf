package io.omniprep.media;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Exactly {@code length} bytes of the underlying stream: fewer is an error (the file changed or a
 * patch reference is wrong), more is never read.
 */
final class BoundedInputStream extends FilterInputStream {
  private final String what;
  private long remaining;

  BoundedInputStream(InputStream in, long length, String what) {
    super(in);
    this.remaining = length;
    this.what = what;
  }

  @Override
  public int read() throws IOException {
    if (remaining <= 0) {
      return -1;
    }
    int b = super.read();
    if (b < 0) {
      throw new EOFException(what + " ended " + remaining + " bytes early");
    }
    remaining--;
    return b;
  }

  @Override
  public int read(byte[] buffer, int off, int len) throws IOException {
    if (remaining <= 0) {
      return -1;
    }
    int n = super.read(buffer, off, (int) Math.min(len, remaining));
    if (n < 0) {
      throw new EOFException(what + " ended " + remaining + " bytes early");
    }
    remaining -= n;
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(Math.min(n, remaining));
    remaining -= skipped;
    return skipped;
  }

  @Override
  public int available() throws IOException {
    return (int) Math.min(super.available(), remaining);
  }
}
