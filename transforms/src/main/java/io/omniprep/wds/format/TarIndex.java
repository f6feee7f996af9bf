package io.omniprep.wds.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Energon's {@code .tar.idx}: a headerless array of unsigned 64-bit little-endian integers. Entry
 * i (i &lt; N) is the offset of the first header block of sample i; entry N is the offset of the
 * end-of-archive marker ({@link TarWriter#finish()}). The file therefore has N + 1 entries.
 */
public final class TarIndex {
  private TarIndex() {}

  /**
   * Encodes the offsets after checking that they are non-negative, block-aligned and strictly
   * increasing (every sample holds at least one header block).
   *
   * @param offsets sample start offsets followed by the end-of-archive offset; at least one entry
   */
  public static byte[] toBytes(long[] offsets) {
    validate(offsets);
    ByteBuffer buf = ByteBuffer.allocate(offsets.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (long o : offsets) {
      buf.putLong(o);
    }
    return buf.array();
  }

  /** Writes {@link #toBytes(long[])} to {@code out} (which is not closed). */
  public static void write(OutputStream out, long[] offsets) throws IOException {
    out.write(toBytes(offsets));
  }

  /** Decodes and validates index bytes. */
  public static long[] fromBytes(byte[] bytes) {
    if (bytes.length == 0 || bytes.length % Long.BYTES != 0) {
      throw new IllegalArgumentException("index length " + bytes.length + " is not a positive multiple of 8");
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    long[] offsets = new long[bytes.length / Long.BYTES];
    for (int i = 0; i < offsets.length; i++) {
      offsets[i] = buf.getLong();
    }
    validate(offsets);
    return offsets;
  }

  /** Reads a whole index from {@code in} (which is not closed). */
  public static long[] read(InputStream in) throws IOException {
    return fromBytes(in.readAllBytes());
  }

  /** Number of samples an index describes: entries minus one. */
  public static int sampleCount(long[] offsets) {
    return offsets.length - 1;
  }

  /**
   * The index path energon uses for a shard: the last suffix of the file name replaced by
   * {@code .tar.idx} (Python's {@code with_suffix}), so {@code a/x.tar} and {@code a/x.tgz} both
   * map to {@code a/x.tar.idx}.
   */
  public static String indexPathFor(String shardPath) {
    int slash = shardPath.lastIndexOf('/');
    String fileName = shardPath.substring(slash + 1);
    if (fileName.isEmpty()) {
      throw new IllegalArgumentException("no file name in '" + shardPath + "'");
    }
    int dot = fileName.lastIndexOf('.');
    // Like PurePath.suffix: a leading dot or a trailing dot is not a suffix.
    boolean hasSuffix = dot > 0 && dot < fileName.length() - 1;
    String stem = hasSuffix ? fileName.substring(0, dot) : fileName;
    return shardPath.substring(0, slash + 1) + stem + ".tar.idx";
  }

  private static void validate(long[] offsets) {
    if (offsets.length == 0) {
      throw new IllegalArgumentException("an index needs at least the end-of-archive entry");
    }
    long previous = -1;
    for (int i = 0; i < offsets.length; i++) {
      long o = offsets[i];
      if (o < 0 || o % TarHeaders.BLOCK != 0 || o <= previous) {
        throw new IllegalArgumentException("entry " + i + " = " + Long.toUnsignedString(o)
            + " is not block-aligned and increasing");
      }
      previous = o;
    }
  }
}
