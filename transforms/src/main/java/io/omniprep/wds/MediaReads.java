package io.omniprep.wds;

import io.omniprep.media.MediaException;
import io.omniprep.sample.ByteRange;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The images and frames one sample's layout reads, through the {@link ImagePolicy}, held until the
 * sample's facts for the sample table are measured from the same bytes ({@link #held}): no medium
 * is read twice. One per sample, used by the one thread that lays it out.
 */
final class MediaReads {
  private final ImagePolicy policy;
  private final Map<ByteRange, byte[]> held = new HashMap<>();

  MediaReads(ImagePolicy policy) {
    this.policy = policy;
  }

  /** The bytes to store for an image or frame in a JPEG member ({@link ImagePolicy#jpegBytes}). */
  byte[] jpegBytes(ByteRange range) throws MediaException, IOException {
    return policy.jpegBytes(read(range), range);
  }

  /** An image's or frame's bytes as stored, checked, and its format ({@link ImagePolicy#checkedBytes}). */
  ImagePolicy.CheckedImage checkedBytes(ByteRange range) throws MediaException, IOException {
    return policy.checkedBytes(read(range), range);
  }

  /** The bytes of {@code range} as read for this sample, null when it was not read whole. */
  @Nullable
  byte[] held(ByteRange range) {
    return held.get(range);
  }

  private byte[] read(ByteRange range) throws MediaException, IOException {
    byte[] bytes = policy.read(range);
    held.put(range, bytes);
    return bytes;
  }
}
