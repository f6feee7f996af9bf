package io.omniprep.wds;

import io.omniprep.media.ImageFormat;
import io.omniprep.media.Images;
import io.omniprep.media.MediaException;
import io.omniprep.media.MediaResolver;
import io.omniprep.sample.ByteRange;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;

/**
 * What the layouts do with images as they read them: refuse one whose header claims more than
 * {@code maxPixels} pixels (before any decode: the resolver left this check to the reader, so that
 * no image is opened twice), check every one (a truncated or unknown file fails the sample), and
 * for JPEG members convert non-JPEG ones at {@code quality} unless {@code transcode} is off, in
 * which case the bytes are stored as they are (a reader decoding by content still reads them).
 */
public record ImagePolicy(boolean transcode, int quality, long maxPixels) implements Serializable {
  public static ImagePolicy parse(String transcode, int quality) {
    switch (transcode.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "always":
        return new ImagePolicy(true, quality, Images.DEFAULT_MAX_PIXELS);
      case "never":
        return new ImagePolicy(false, quality, Images.DEFAULT_MAX_PIXELS);
      default:
        throw new IllegalArgumentException("--transcode must be always or never, was '" + transcode + "'");
    }
  }

  /** The same policy refusing images of more than {@code max} pixels ({@code --maxImagePixels}). */
  public ImagePolicy withMaxPixels(long max) {
    return new ImagePolicy(transcode, quality, max);
  }

  /** The bytes to store for an image or frame in a JPEG member, from its {@code bytes} as {@link #read}. */
  byte[] jpegBytes(byte[] bytes, ByteRange range) throws MediaException, IOException {
    if (transcode) {
      return Images.asJpeg(bytes, quality, range.resource());
    }
    Images.check(bytes, range.resource());
    return bytes;
  }

  /** An image's or frame's bytes as stored (its {@code bytes} as {@link #read}), checked; its format. */
  CheckedImage checkedBytes(byte[] bytes, ByteRange range) throws MediaException {
    return new CheckedImage(bytes, Images.check(bytes, range.resource()));
  }

  /** Image bytes and the format {@link Images#check} found. */
  public record CheckedImage(byte[] bytes, ImageFormat format) {}

  /** An image's or frame's bytes, refused when its header claims more than {@code maxPixels} pixels. */
  byte[] read(ByteRange range) throws MediaException, IOException {
    byte[] bytes = MediaResolver.read(range);
    String what = range.offset() == 0 ? range.resource() : range.resource() + " at byte " + range.offset();
    Images.requirePixelsAtMost(new ByteArrayInputStream(bytes), maxPixels, what);
    return bytes;
  }
}
