package io.omniprep.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.w3c.dom.Node;

/** Generated pictures for image tests: scenes of a few shapes, their JPEG bytes, resized copies. */
public final class Pictures {
  private Pictures() {}

  /** A picture of coloured rectangles and ellipses on a coloured ground, a function of the seed. */
  public static BufferedImage scene(long seed, int width, int height) {
    Random random = new Random(seed);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(new Color(random.nextInt(1 << 24)));
      g.fillRect(0, 0, width, height);
      for (int i = 0; i < 6; i++) {
        g.setColor(new Color(random.nextInt(1 << 24)));
        int w = width / 6 + random.nextInt(width / 2);
        int h = height / 6 + random.nextInt(height / 2);
        int x = random.nextInt(width - w / 2);
        int y = random.nextInt(height - h / 2);
        if (random.nextBoolean()) {
          g.fillOval(x, y, w, h);
        } else {
          g.fillRect(x, y, w, h);
        }
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  /** The picture scaled to {@code width} x {@code height}, bilinear. */
  public static BufferedImage resized(BufferedImage image, int width, int height) {
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(image, 0, 0, width, height, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /** The picture as a JPEG at {@code quality} (0-1), by the JDK's encoder. */
  public static byte[] jpeg(BufferedImage image, float quality) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(quality);
    return encode(writer, new IIOImage(image, null, null), param);
  }

  /**
   * The picture as a sequential JPEG at {@code quality} by the JDK's encoder, its luminance sampled
   * {@code h} x {@code v} times as often as its chroma (1 x 1: 4:4:4, 2 x 1: 4:2:2, 2 x 2: 4:2:0; a
   * grey picture has no chroma), with a restart marker every {@code restartInterval} MCUs (0: none).
   */
  public static byte[] jpeg(BufferedImage image, float quality, int h, int v, int restartInterval) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(quality);
    IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), param);
    String format = "javax_imageio_jpeg_image_1.0";
    IIOMetadataNode tree = (IIOMetadataNode) metadata.getAsTree(format);
    IIOMetadataNode luma = (IIOMetadataNode) tree.getElementsByTagName("componentSpec").item(0);
    luma.setAttribute("HsamplingFactor", Integer.toString(h));
    luma.setAttribute("VsamplingFactor", Integer.toString(v));
    if (restartInterval > 0) {
      IIOMetadataNode dri = new IIOMetadataNode("dri");
      dri.setAttribute("interval", Integer.toString(restartInterval));
      Node markers = tree.getElementsByTagName("markerSequence").item(0);
      markers.insertBefore(dri, tree.getElementsByTagName("sos").item(0));
    }
    metadata.setFromTree(format, tree);
    return encode(writer, new IIOImage(image, null, metadata), param);
  }

  /** {@code image} written by {@code writer} with {@code param}, as bytes; the writer disposed of. */
  private static byte[] encode(ImageWriter writer, IIOImage image, ImageWriteParam param) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, image, param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  /** The picture as a progressive JPEG by the JDK's encoder. */
  public static byte[] progressiveJpeg(BufferedImage image) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
    return encode(writer, new IIOImage(image, null, null), param);
  }

  /** The picture as a PNG. */
  public static byte[] png(BufferedImage image) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ImageIO.write(image, "png", bytes);
    return bytes.toByteArray();
  }
}
