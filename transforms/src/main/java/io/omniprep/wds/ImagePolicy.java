package io.omniprep.wds;

import io.omniprep.media.Images;
import io.omniprep.media.MediaException;
import io.omniprep.media.MediaResolver;
import io.omniprep.sample.ByteRange;
import java.io.IOException;
import java.io.Serializable;

/**
 * What a JPEG layout does with images: check every one (a truncated or unknown file fails the
 * sample), and convert non-JPEG ones at {@code quality} unless {@code transcode} is off, in which
 * case the bytes are stored as they are (a reader decoding by content still reads them).
 */
public record ImagePolicy(boolean transcode, int quality) implements Serializable {
  public static ImagePolicy parse(String transcode, int quality) {
    switch (transcode.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "always":
        return new ImagePolicy(true, quality);
      case "never":
        return new ImagePolicy(false, quality);
      default:
        throw new IllegalArgumentException("--transcode must be always or never, was '" + transcode + "'");
    }
  }

  /** The bytes to store for an image or frame in a JPEG member. */
  public byte[] jpegBytes(ByteRange range) throws MediaException, IOException {
    byte[] bytes = MediaResolver.read(range);
    return transcode ? Images.asJpeg(bytes, quality, range.resource()) : checked(bytes, range);
  }

  private static byte[] checked(byte[] bytes, ByteRange range) throws MediaException {
    Images.check(bytes, range.resource());
    return bytes;
  }
}
