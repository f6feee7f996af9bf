package io.omniprep.llava;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The Unicode encoding of an input file, told by its first four bytes: a byte order mark, or
 * without one the pattern of NUL bytes that two ASCII characters leave (RFC 4627 §3), as JSON
 * readers do. The record scanner works on bytes; {@link #units} lets it scan UTF-16 and UTF-32 text
 * as one byte per code unit, so that record boundaries map back to byte offsets of the file and a
 * chunk can still be read on its own.
 */
public enum SourceEncoding {
  UTF_8(StandardCharsets.UTF_8, 1),
  UTF_16LE(StandardCharsets.UTF_16LE, 2),
  UTF_16BE(StandardCharsets.UTF_16BE, 2),
  UTF_32LE(Charset.forName("UTF-32LE"), 4),
  UTF_32BE(Charset.forName("UTF-32BE"), 4);

  private final Charset charset;
  private final int unitBytes;

  SourceEncoding(Charset charset, int unitBytes) {
    this.charset = charset;
    this.unitBytes = unitBytes;
  }

  /** The encoding of a text whose first bytes (up to four) are {@code head}. */
  public static SourceEncoding of(byte[] head) {
    int n = head.length;
    int b0 = n > 0 ? head[0] & 0xff : -1;
    int b1 = n > 1 ? head[1] & 0xff : -1;
    boolean zero2 = n > 2 && head[2] == 0;
    boolean zero3 = n > 3 && head[3] == 0;
    if (n >= 4 && b0 == 0 && b1 == 0 && (head[2] != 0 || head[3] != 0)) {
      return UTF_32BE; // 00 00 FE FF, or 00 00 00 xx
    }
    if (zero2 && zero3 && ((b0 == 0xFF && b1 == 0xFE) || (b0 > 0 && b1 == 0))) {
      return UTF_32LE; // FF FE 00 00, or xx 00 00 00
    }
    if ((b0 == 0xFE && b1 == 0xFF) || (b0 == 0 && b1 > 0)) {
      return UTF_16BE;
    }
    if ((b0 == 0xFF && b1 == 0xFE) || (b0 > 0 && b1 == 0)) {
      return UTF_16LE;
    }
    return UTF_8;
  }

  /** The length of the byte order mark {@code head} starts with in this encoding, or 0. */
  public int bomLength(byte[] head) {
    byte[] bom = "\uFEFF".getBytes(charset);
    if (head.length < bom.length) {
      return 0;
    }
    for (int i = 0; i < bom.length; i++) {
      if (head[i] != bom[i]) {
        return 0;
      }
    }
    return bom.length;
  }

  /** Bytes per code unit: an offset in {@link #units} times this is an offset in the text's bytes. */
  public int unitBytes() {
    return unitBytes;
  }

  /**
   * The text as one byte per code unit, for the record scanner: an ASCII unit as itself, any other
   * as 0x80, which is neither JSON syntax nor whitespace (UTF-8: the bytes as they are).
   */
  public InputStream units(InputStream text) {
    if (this == UTF_8) {
      return text;
    }
    boolean bigEndian = this == UTF_16BE || this == UTF_32BE;
    return new InputStream() {
      private final byte[] unit = new byte[unitBytes];

      @Override
      public int read() throws IOException {
        int got = text.readNBytes(unit, 0, unitBytes);
        if (got == 0) {
          return -1;
        }
        if (got < unitBytes) {
          return 0x80; // a partial unit at the end: text, so the record holding it fails to decode
        }
        long value = 0;
        for (int i = 0; i < unitBytes; i++) {
          int b = unit[bigEndian ? i : unitBytes - 1 - i] & 0xff;
          value = (value << 8) | b;
        }
        return value < 0x80 ? (int) value : 0x80;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = 0;
        while (n < len) {
          int c = read();
          if (c < 0) {
            return n == 0 ? -1 : n;
          }
          b[off + n++] = (byte) c;
        }
        return n;
      }

      @Override
      public void close() throws IOException {
        text.close();
      }
    };
  }

  /**
   * The UTF-8 bytes of {@code bytes[from, to)} decoded from this encoding.
   *
   * @throws CharacterCodingException for bytes that are not text in this encoding (a lone surrogate
   *     in UTF-16, a cut unit): reported rather than replaced, so that nothing is altered silently
   */
  public byte[] toUtf8(byte[] bytes, int from, int to) throws CharacterCodingException {
    if (this == UTF_8) {
      return Arrays.copyOfRange(bytes, from, to);
    }
    ByteBuffer utf8 =
        StandardCharsets.UTF_8.encode(
            charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, from, to - from)));
    byte[] out = new byte[utf8.remaining()];
    utf8.get(out);
    return out;
  }

  /** {@code bytes[from, to)} as text, undecodable bytes replaced: for quoting in the errors output only. */
  public String quote(byte[] bytes, int from, int to) {
    return new String(bytes, from, to - from, charset);
  }
}
