package io.omniprep.media;

import io.omniprep.errors.Reason;
import java.awt.image.AreaAveragingScaleFilter;
import java.awt.image.BufferedImage;
import java.awt.image.FilteredImageSource;
import java.awt.image.PixelGrabber;
import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * Scales an image to a given size and stores it as JPEG, for {@code --resize}. The filter is the
 * JDK's {@link AreaAveragingScaleFilter}: each output pixel is the mean of the input pixels it
 * covers, weighted by the area covered (a box filter, as OpenCV's {@code INTER_AREA} for
 * downscaling), so no input pixel is skipped however large the reduction. It is pure Java, so the
 * pixels are the same on every machine; the JDK's JPEG encoder then writes them at a fixed quality.
 * Transparency is laid over white first, as for every JPEG the writers make.
 */
public final class ImageResizer {
  private ImageResizer() {}

  /**
   * {@code bytes} decoded, scaled to {@code width} x {@code height} and encoded as JPEG at {@code
   * quality}. The caller has refused images over the pixel limit by their header; one whose size
   * the header does not give is refused here, before any decode.
   */
  public static byte[] resizedJpeg(byte[] bytes, int width, int height, int quality, String what) throws MediaException, IOException {
    Images.check(bytes, what);
    Images.requireDecodable(bytes, Long.MAX_VALUE, what);
    BufferedImage decoded;
    try {
      decoded = Images.decode(bytes);
    } catch (IOException | RuntimeException e) {
      throw new MediaException(Reason.MEDIA_CORRUPT, what + ": cannot decode " + ImageFormat.sniff(bytes) + ": " + e.getMessage(), e);
    }
    if (decoded == null) {
      throw new MediaException(Reason.MEDIA_CORRUPT, what + ": no decoder for " + ImageFormat.sniff(bytes) + " images");
    }
    return Images.encodeJpeg(areaAveraged(Images.flatten(decoded), width, height), quality);
  }

  /** An opaque RGB image scaled to {@code width} x {@code height} by area averaging. */
  static BufferedImage areaAveraged(BufferedImage rgb, int width, int height) throws MediaException, IOException {
    if (rgb.getWidth() == width && rgb.getHeight() == height) {
      return rgb;
    }
    // A BufferedImage's source sends whole rows top-down, the order the filter needs to average
    // (given any other, it falls back to copying the nearest pixel).
    FilteredImageSource scaled = new FilteredImageSource(rgb.getSource(), new AreaAveragingScaleFilter(width, height));
    int[] pixels = new int[width * height];
    PixelGrabber grabber = new PixelGrabber(scaled, 0, 0, width, height, pixels, 0, width);
    try {
      if (!grabber.grabPixels()) { // false: the producer reported an error or aborted
        throw new MediaException(Reason.MEDIA_CORRUPT, "cannot scale the image to " + width + "x" + height);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while scaling an image");
    }
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    out.setRGB(0, 0, width, height, pixels, 0, width);
    return out;
  }
}
