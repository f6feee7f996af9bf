package io.omniprep.sample;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.util.VarInt;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Varint and length-prefixed UTF-8 primitives shared by omniprep's coders (strings in {@link SurrogatePassUtf8}, lossless). */
public final class Wire {
  private Wire() {}

  public static void writeLong(long value, OutputStream out) throws IOException {
    VarInt.encode(value, out);
  }

  public static long readLong(InputStream in) throws IOException {
    return VarInt.decodeLong(in);
  }

  public static void writeInt(int value, OutputStream out) throws IOException {
    VarInt.encode(value, out);
  }

  public static int readInt(InputStream in) throws IOException {
    return VarInt.decodeInt(in);
  }

  public static void writeBoolean(boolean value, OutputStream out) throws IOException {
    out.write(value ? 1 : 0);
  }

  public static boolean readBoolean(InputStream in) throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException();
    }
    return b != 0;
  }

  public static void writeString(String value, OutputStream out) throws IOException {
    byte[] bytes = SurrogatePassUtf8.encode(value);
    VarInt.encode(bytes.length, out);
    out.write(bytes);
  }

  public static String readString(InputStream in) throws IOException {
    int length = VarInt.decodeInt(in);
    byte[] bytes = in.readNBytes(length);
    if (bytes.length != length) {
      throw new EOFException("string truncated");
    }
    return SurrogatePassUtf8.decode(bytes, 0, bytes.length);
  }

  public static void writeNullableString(@Nullable String value, OutputStream out) throws IOException {
    writeBoolean(value != null, out);
    if (value != null) {
      writeString(value, out);
    }
  }

  public static @Nullable String readNullableString(InputStream in) throws IOException {
    return readBoolean(in) ? readString(in) : null;
  }
}
