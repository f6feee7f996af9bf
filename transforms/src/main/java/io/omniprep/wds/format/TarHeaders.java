package io.omniprep.wds.format;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;

/**
 * Encodes the header blocks that precede one regular-file member: an optional PAX extended header
 * (typeflag {@code x}) and the ustar header itself.
 *
 * <p>Every field is fixed (mode 0444, uid/gid 0, empty uname/gname, caller-given mtime) so that
 * the bytes depend only on name, size and mtime. The PAX header is used, exactly like Python's
 * tarfile in PAX mode, when the name is not ASCII, does not fit the 100-byte name field, or the
 * size does not fit 11 octal digits; then the ustar fields hold an ASCII stand-in name and size 0.
 */
final class TarHeaders {
  static final int BLOCK = 512;
  /** Largest value of an 11-digit octal field: 8 GiB - 1. */
  static final long MAX_OCTAL_11 = 077777777777L;
  static final int NAME_LEN = 100;
  /** The name Python's tarfile gives PAX headers; readers ignore it. */
  static final String PAX_HEADER_NAME = "././@PaxHeader";

  private static final int MODE = 0444;

  private TarHeaders() {}

  /** Returns all header blocks for a regular file; the length is a multiple of 512. */
  static byte[] forRegularFile(String name, long size, long mtime) {
    byte[] utf8 = name.getBytes(UTF_8);
    boolean ascii = isAscii(name);
    boolean needPath = !ascii || utf8.length > NAME_LEN;
    boolean needSize = size > MAX_OCTAL_11;
    ByteArrayOutputStream out = new ByteArrayOutputStream(needPath || needSize ? 3 * BLOCK : BLOCK);
    if (needPath || needSize) {
      ByteArrayOutputStream records = new ByteArrayOutputStream();
      if (needPath) {
        records.writeBytes(paxRecord("path", name));
      }
      if (needSize) {
        records.writeBytes(paxRecord("size", Long.toString(size)));
      }
      byte[] body = records.toByteArray();
      out.writeBytes(ustar(PAX_HEADER_NAME.getBytes(US_ASCII), (byte) 'x', body.length, mtime));
      out.writeBytes(body);
      out.writeBytes(new byte[padding(body.length)]);
    }
    byte[] ustarName = needPath ? asciiStandIn(name) : utf8;
    out.writeBytes(ustar(ustarName, (byte) '0', needSize ? 0 : size, mtime));
    return out.toByteArray();
  }

  /** Zero bytes needed after {@code length} data bytes to reach the next block boundary. */
  static int padding(long length) {
    return (int) ((BLOCK - (length % BLOCK)) % BLOCK);
  }

  /** One PAX record, {@code "<len> <key>=<value>\n"}, where len counts the whole record. */
  static byte[] paxRecord(String key, String value) {
    int base = key.getBytes(UTF_8).length + value.getBytes(UTF_8).length + 3;
    int total = base + 1;
    while (Integer.toString(total).length() + base != total) {
      total++;
    }
    return (total + " " + key + "=" + value + "\n").getBytes(UTF_8);
  }

  private static byte[] ustar(byte[] name, byte typeflag, long size, long mtime) {
    byte[] h = new byte[BLOCK];
    System.arraycopy(name, 0, h, 0, Math.min(name.length, NAME_LEN));
    octal(h, 100, 8, MODE);
    octal(h, 108, 8, 0); // uid
    octal(h, 116, 8, 0); // gid
    octal(h, 124, 12, size);
    octal(h, 136, 12, mtime);
    h[156] = typeflag;
    System.arraycopy("ustar\0".getBytes(US_ASCII), 0, h, 257, 6);
    h[263] = '0';
    h[264] = '0';
    // uname (265) and gname (297) stay empty: no user or host name can leak into the output.
    octal(h, 329, 8, 0); // devmajor
    octal(h, 337, 8, 0); // devminor
    // Checksum: unsigned byte sum with the checksum field itself read as eight spaces.
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xFF;
    }
    octal(h, 148, 7, sum); // six digits and a NUL; byte 155 keeps its space, as Python writes it

    return h;
  }

  /** Zero-padded octal with a trailing NUL, as tar and Python's tarfile write numeric fields. */
  private static void octal(byte[] h, int offset, int width, long value) {
    String s = Long.toOctalString(value);
    if (value < 0 || s.length() > width - 1) {
      throw new IllegalArgumentException("value " + value + " does not fit a " + width + "-byte tar field");
    }
    int pad = width - 1 - s.length();
    for (int i = 0; i < pad; i++) {
      h[offset + i] = '0';
    }
    System.arraycopy(s.getBytes(US_ASCII), 0, h, offset + pad, s.length());
    h[offset + width - 1] = 0;
  }

  static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** ASCII stand-in for the ustar name field: '?' per non-ASCII code point, like Python. */
  private static byte[] asciiStandIn(String name) {
    StringBuilder sb = new StringBuilder(Math.min(name.length(), NAME_LEN));
    name.codePoints().limit(NAME_LEN).forEach(cp -> sb.append(cp < 0x80 ? (char) cp : '?'));
    return sb.toString().getBytes(US_ASCII);
  }
}
