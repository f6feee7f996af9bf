package io.omniprep.media;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Image files written byte by byte from the format specifications, claiming any size: only the
 * headers are real, so a 60000x60000 JPEG takes a few dozen bytes.
 */
final class ImageFixtures {
  private ImageFixtures() {}

  /** SOI, an APP0 segment to walk past, SOF0 with the given size, a few junk scan bytes, EOI. */
  static byte[] jpeg(int width, int height) {
    ByteBuffer b = ByteBuffer.allocate(64);
    b.put(new byte[] {(byte) 0xFF, (byte) 0xD8});
    b.put(new byte[] {(byte) 0xFF, (byte) 0xE0, 0, 16}).put("JFIF\0".getBytes(StandardCharsets.US_ASCII));
    b.put(new byte[] {1, 1, 0, 0, 1, 0, 1, 0, 0});
    b.put(new byte[] {(byte) 0xFF, (byte) 0xC0, 0, 11, 8});
    b.putShort((short) height).putShort((short) width);
    b.put(new byte[] {1, 1, 0x11, 0});
    b.put(new byte[] {0x12, 0x34, 0x56});
    b.put(new byte[] {(byte) 0xFF, (byte) 0xD9});
    byte[] out = new byte[b.position()];
    b.flip().get(out);
    return out;
  }

  /** The PNG signature, an IHDR chunk (8-bit RGB) with the given size, an empty IDAT, IEND. */
  static byte[] png(long width, long height) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    ByteBuffer ihdr = ByteBuffer.allocate(13);
    ihdr.putInt((int) width).putInt((int) height).put(new byte[] {8, 2, 0, 0, 0});
    chunk(out, "IHDR", ihdr.array());
    chunk(out, "IDAT", new byte[0]);
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(name);
    out.writeBytes(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  /**
   * A GIF89a with a logical screen of {@code screenWidth} x {@code screenHeight}, a graphic control
   * extension, then one frame of {@code width} x {@code height} (a single empty LZW block).
   */
  static byte[] gif(int screenWidth, int screenHeight, int width, int height) {
    ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
    b.put("GIF89a".getBytes(StandardCharsets.US_ASCII)).putShort((short) screenWidth).putShort((short) screenHeight);
    b.put(new byte[] {0, 0, 0});
    b.put(new byte[] {0x21, (byte) 0xF9, 4, 0, 0, 0, 0, 0});
    b.put((byte) 0x2C).putShort((short) 0).putShort((short) 0).putShort((short) width).putShort((short) height).put((byte) 0);
    b.put(new byte[] {2, 0, 0x3B});
    byte[] out = new byte[b.position()];
    b.flip().get(out);
    return out;
  }

  /**
   * A TIFF whose first IFD sits after {@code gap} bytes of padding, with ImageWidth and ImageLength
   * as LONG values ({@code bigEndian}: "MM", else "II").
   */
  static byte[] tiff(long width, long height, boolean bigEndian, int gap) {
    ByteBuffer b = ByteBuffer.allocate(8 + gap + 2 + 2 * 12 + 4).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    b.put(bigEndian ? new byte[] {'M', 'M'} : new byte[] {'I', 'I'}).putShort((short) 42).putInt(8 + gap);
    b.position(8 + gap);
    b.putShort((short) 2);
    b.putShort((short) 256).putShort((short) 4).putInt(1).putInt((int) width);
    b.putShort((short) 257).putShort((short) 4).putInt(1).putInt((int) height);
    b.putInt(0);
    return b.array();
  }
}
