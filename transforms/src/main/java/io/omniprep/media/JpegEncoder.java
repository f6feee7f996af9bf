package io.omniprep.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Baseline JFIF encoder with an IJG-style quality (the JDK maps quality q/100 to libjpeg's
 * quality scaling of the standard tables, so 95 here means what {@code cv2.imwrite} quality 95
 * means). Not thread-safe; one per thread or task.
 */
public final class JpegEncoder implements AutoCloseable {
  private final ImageWriter writer;
  private final ImageWriteParam param;

  public JpegEncoder(int quality) {
    if (quality < 1 || quality > 100) {
      throw new IllegalArgumentException("JPEG quality must be 1..100: " + quality);
    }
    Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg");
    if (!it.hasNext()) {
      throw new IllegalStateException("no JPEG writer in this JDK");
    }
    writer = it.next();
    param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(quality / 100f);
  }

  public byte[] encode(BufferedImage image) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(image.getWidth() * image.getHeight() / 2);
    // A memory-cached stream avoids ImageIO's temp-file cache.
    try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.setOutput(null);
    }
    return bytes.toByteArray();
  }

  @Override
  public void close() {
    writer.dispose();
  }
}
