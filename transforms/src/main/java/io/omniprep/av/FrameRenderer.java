package io.omniprep.av;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import io.omniprep.media.JpegEncoder;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Turns decoded frames into upright BGR images and JPEG bytes. Conversion happens only for frames
 * that are actually selected. Colour conversion is libswscale's default (BT.601 matrix, bicubic
 * chroma), the same call OpenCV's VideoCapture makes, into BGR24, which is exactly the byte layout
 * of {@link BufferedImage#TYPE_3BYTE_BGR}, so no channel can be swapped on the way.
 */
final class FrameRenderer implements AutoCloseable {
  private final int rotation;
  private final JpegEncoder jpeg;
  private final PointerPointer<BytePointer> dstPlanes = new PointerPointer<>(4);
  private final IntPointer dstStride = new IntPointer(new int[4]);
  private SwsContext sws;
  private BytePointer buffer;
  private byte[] rows;
  private BufferedImage image;

  /** @param rotation clockwise degrees to rotate by: 0, 90, 180 or 270 */
  FrameRenderer(int rotation, int jpegQuality) {
    this.rotation = rotation;
    for (int i = 0; i < 4; i++) {
      dstPlanes.put(i, (BytePointer) null); // swscale reads all four plane slots
    }
    this.jpeg = new JpegEncoder(jpegQuality);
  }

  byte[] jpeg(AVFrame frame) throws IOException {
    return jpeg.encode(image(frame));
  }

  /** The frame as an upright BGR image; the image object is reused by the next call. */
  BufferedImage image(AVFrame frame) throws AvException {
    int w = frame.width();
    int h = frame.height();
    sws = sws_getCachedContext(sws, w, h, frame.format(), w, h, AV_PIX_FMT_BGR24, SWS_BICUBIC,
        null, null, (DoublePointer) null);
    if (sws == null || sws.isNull()) {
      throw AvException.cannotDecode("cannot convert pixel format " + frame.format());
    }
    int stride = (w * 3 + 63) & ~63; // aligned rows let swscale use its SIMD paths
    long size = (long) stride * h;
    if (buffer == null || buffer.capacity() < size) {
      if (buffer != null) {
        buffer.close();
      }
      buffer = new BytePointer(size);
    }
    dstPlanes.put(0, buffer);
    dstStride.put(0, stride);
    sws_scale(sws, frame.data(), frame.linesize(), 0, h, dstPlanes, dstStride);

    if (rows == null || rows.length < size) {
      rows = new byte[(int) size];
    }
    buffer.position(0).get(rows, 0, (int) size);
    boolean swap = rotation == 90 || rotation == 270;
    int outW = swap ? h : w;
    int outH = swap ? w : h;
    if (image == null || image.getWidth() != outW || image.getHeight() != outH) {
      image = new BufferedImage(outW, outH, BufferedImage.TYPE_3BYTE_BGR);
    }
    byte[] out = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    copyRotated(rows, stride, w, h, out);
    return image;
  }

  private void copyRotated(byte[] src, int stride, int w, int h, byte[] dst) {
    if (rotation == 0) {
      for (int y = 0; y < h; y++) {
        System.arraycopy(src, y * stride, dst, y * w * 3, w * 3);
      }
      return;
    }
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int s = y * stride + x * 3;
        int d;
        switch (rotation) {
          case 90: // clockwise: (x, y) -> (h-1-y, x) in an h-wide image
            d = (x * h + (h - 1 - y)) * 3;
            break;
          case 180:
            d = ((h - 1 - y) * w + (w - 1 - x)) * 3;
            break;
          default: // 270 clockwise: (x, y) -> (y, w-1-x) in an h-wide image
            d = ((w - 1 - x) * h + y) * 3;
            break;
        }
        dst[d] = src[s];
        dst[d + 1] = src[s + 1];
        dst[d + 2] = src[s + 2];
      }
    }
  }

  @Override
  public void close() {
    jpeg.close();
    if (sws != null) {
      sws_freeContext(sws);
    }
    if (buffer != null) {
      buffer.close();
    }
    dstPlanes.close();
    dstStride.close();
  }
}
