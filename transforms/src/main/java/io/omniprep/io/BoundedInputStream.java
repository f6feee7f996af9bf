package io.omniprep.io;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Exactly {@code length} bytes of the underlying stream: fewer is an error (the file changed, a
 * patch reference or a pickle is wrong), more is never read.
 */
public final class BoundedInputStream extends FilterInputStream {
  private final String what;
  private final boolean closesUnderlying;
  private long remaining;

  private BoundedInputStream(InputStream in, long length, String what, boolean closesUnderlying) {
    super(in);
    this.remaining = length;
    this.what = what;
    this.closesUnderlying = closesUnderlying;
  }

  /** The stream's first {@code length} bytes; closing it closes {@code in}. */
  public static BoundedInputStream of(InputStream in, long length, String what) {
    return new BoundedInputStream(in, length, what, true);
  }

  /** The next {@code length} bytes of a stream read on afterwards: closing it leaves {@code in} open. */
  public static BoundedInputStream slice(InputStream in, long length, String what) {
    return new BoundedInputStream(in, length, what, false);
  }

  @Override
  public int read() throws IOException {
    if (remaining <= 0) {
      return -1;
    }
    int b = super.read();
    if (b < 0) {
      throw cutShort();
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
      throw cutShort();
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

  /** Moves the underlying stream to the end of this one, whatever the reader left unread. */
  public void skipRest() throws IOException {
    while (remaining > 0) {
      if (skip(remaining) <= 0 && read() < 0) {
        throw cutShort();
      }
    }
  }

  @Override
  public void close() throws IOException {
    if (closesUnderlying) {
      super.close();
    }
  }

  private EOFException cutShort() {
    return new EOFException(what + " ended " + remaining + " bytes early");
  }
}
