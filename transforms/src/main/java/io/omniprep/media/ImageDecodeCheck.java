package io.omniprep.media;

import io.omniprep.errors.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * An image decoded whole, as a training loader opening it would (PIL's {@code Image.open(...)
 * .convert("RGB")}), refused as {@link Reason#MEDIA_CORRUPT} when that fails: what {@link
 * Images#check} cannot see from an image's ends (damaged compressed data, a JPEG whose middle is
 * lost but whose end marker survives). A decoder's warning ("premature end of data") is a failure
 * too, as PIL raises on a truncated image. The pixel limit is checked from the header first.
 */
public final class ImageDecodeCheck {
  private ImageDecodeCheck() {}

  /** The formats the JDK's own readers decode; the others (WebP) need another decoder. */
  public static boolean decodesHere(ImageFormat format) {
    return format != ImageFormat.WEBP && format != ImageFormat.UNKNOWN;
  }

  /**
   * Refuses {@code bytes} unless they are a known image within {@code maxPixels} that decodes
   * without damage; the format.
   */
  public static ImageFormat verify(byte[] bytes, long maxPixels, String what) throws MediaException {
    ImageFormat format = Images.check(bytes, what);
    Images.requireDecodable(bytes, maxPixels, what);
    if (!decodesHere(format)) {
      return format;
    }
    List<String> warnings = new ArrayList<>();
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new MediaException(Reason.MEDIA_CORRUPT, what + ": no decoder for " + format + " images");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        // A JPEG's raster, before any colour conversion: CMYK and YCCK JPEGs (which PIL reads)
        // decode as fully as the others.
        if (reader.canReadRaster()) {
          reader.readRaster(0, null);
        } else {
          reader.read(0);
        }
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      throw new MediaException(Reason.MEDIA_CORRUPT, what + ": cannot decode " + format + ": " + e.getMessage(), e);
    }
    if (!warnings.isEmpty()) {
      throw new MediaException(Reason.MEDIA_CORRUPT, what + ": " + format + " decodes with damage: " + warnings.get(0));
    }
    return format;
  }
}
