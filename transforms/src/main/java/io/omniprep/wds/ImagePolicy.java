package io.omniprep.wds;

import io.omniprep.errors.Reason;
import io.omniprep.media.ImageFormat;
import io.omniprep.media.ImageResizer;
import io.omniprep.media.Images;
import io.omniprep.media.MediaException;
import io.omniprep.media.MediaResolver;
import io.omniprep.media.Resize;
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
 * Images (not video frames) over the {@code resize} budget are scaled to it and stored as JPEG at
 * {@code quality} ({@link ImageResizer}); those within it are stored as without one.
 */
public record ImagePolicy(boolean transcode, int quality, long maxPixels, Resize resize) implements Serializable {
  public static ImagePolicy parse(String transcode, int quality) {
    switch (transcode.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "always":
        return new ImagePolicy(true, quality, Images.DEFAULT_MAX_PIXELS, Resize.none());
      case "never":
        return new ImagePolicy(false, quality, Images.DEFAULT_MAX_PIXELS, Resize.none());
      default:
        throw new IllegalArgumentException("--transcode must be always or never, was '" + transcode + "'");
    }
  }

  /** The same policy refusing images of more than {@code max} pixels ({@code --maxImagePixels}). */
  public ImagePolicy withMaxPixels(long max) {
    return new ImagePolicy(transcode, quality, max, resize);
  }

  /** The same policy storing images within {@code resize} ({@code --resize}). */
  public ImagePolicy withResize(Resize resize) {
    return new ImagePolicy(transcode, quality, maxPixels, resize);
  }

  /**
   * An image (its {@code bytes} as {@link #read}) as stored, in a JPEG member ({@code jpegMember})
   * or as it is: scaled to the {@code resize} budget when it is over it, else as {@link
   * #jpegBytes} or {@link #checkedBytes} give it; with its size as stored and as read. An image
   * whose header gives no size is refused under a budget, as its size cannot be judged.
   */
  StoredImage image(byte[] bytes, ByteRange range, boolean jpegMember) throws MediaException, IOException {
    String what = range.resource();
    long[] size = Images.headerSize(new ByteArrayInputStream(bytes));
    if (size == null) {
      Images.check(bytes, what);
      throw new MediaException(Reason.MEDIA_CORRUPT, what + ": cannot read the " + ImageFormat.sniff(bytes)
          + " image's size from its header, needed to apply --resize=" + resize);
    }
    long[] target = resize.target(size[0], size[1]);
    if (target[0] == size[0] && target[1] == size[1]) {
      CheckedImage kept = jpegMember ? checkedBytes(jpegBytes(bytes, range), range) : checkedBytes(bytes, range);
      return new StoredImage(kept, size[0], size[1], size[0], size[1]);
    }
    byte[] jpeg = ImageResizer.resizedJpeg(bytes, (int) target[0], (int) target[1], quality, what);
    return new StoredImage(new CheckedImage(jpeg, ImageFormat.JPEG), target[0], target[1], size[0], size[1]);
  }

  /** An image as stored, its size as stored and as read. */
  record StoredImage(CheckedImage image, long width, long height, long originalWidth, long originalHeight) {}

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
