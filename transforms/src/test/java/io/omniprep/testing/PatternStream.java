package io.omniprep.testing;

import java.io.InputStream;

/** A deterministic pseudo-random byte stream of a given length, generated on the fly. */
public final class PatternStream extends InputStream {
  private final long length;
  private long state;
  private long pos;

  public PatternStream(long length, long seed) {
    this.length = length;
    this.state = seed * 0x9E3779B97F4A7C15L + 1;
  }

  public static byte[] bytes(int length, long seed) {
    byte[] b = new byte[length];
    PatternStream s = new PatternStream(length, seed);
    for (int i = 0; i < length; i++) {
      b[i] = (byte) s.read();
    }
    return b;
  }

  @Override
  public int read() {
    if (pos >= length) {
      return -1;
    }
    pos++;
    state ^= state << 13;
    state ^= state >>> 7;
    state ^= state << 17;
    return (int) (state & 0xFF);
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (pos >= length) {
      return -1;
    }
    // Short reads on purpose: callers must loop.
    int n = (int) Math.min(Math.min(len, 7777), length - pos);
    for (int i = 0; i < n; i++) {
      b[off + i] = (byte) read();
    }
    return n;
  }
}
