package io.omniprep.wds;

import io.omniprep.media.MediaException;
import io.omniprep.sample.ByteRange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The images and frames one sample's layout reads, through the {@link ImagePolicy}, held until the
 * sample's facts for the sample table are measured from the same bytes ({@link #held}): no medium
 * is read twice. Under a {@code --resize} budget, images (not frames) are stored within it, and
 * their sizes as stored and as read kept in read order ({@link #imageSizes}). One per sample, used
 * by the one thread that lays it out.
 */
final class MediaReads {
  private final ImagePolicy policy;
  private final Map<ByteRange, byte[]> held = new HashMap<>();
  private final List<ImagePolicy.StoredImage> imageSizes = new ArrayList<>();

  MediaReads(ImagePolicy policy) {
    this.policy = policy;
  }

  /** The bytes to store for an image in a JPEG member: within the budget, else {@link #jpegBytes}. */
  byte[] jpegImage(ByteRange range) throws MediaException, IOException {
    return policy.resize().isNone() ? jpegBytes(range) : stored(range, true).bytes();
  }

  /** An image's bytes as stored, and their format: within the budget, else {@link #checkedBytes}. */
  ImagePolicy.CheckedImage storedImage(ByteRange range) throws MediaException, IOException {
    return policy.resize().isNone() ? checkedBytes(range) : stored(range, false);
  }

  /** The bytes to store for a frame (or an image, without a budget) in a JPEG member ({@link ImagePolicy#jpegBytes}). */
  byte[] jpegBytes(ByteRange range) throws MediaException, IOException {
    return policy.jpegBytes(read(range), range);
  }

  /** A frame's (or an image's, without a budget) bytes as stored, checked, and its format ({@link ImagePolicy#checkedBytes}). */
  ImagePolicy.CheckedImage checkedBytes(ByteRange range) throws MediaException, IOException {
    return policy.checkedBytes(read(range), range);
  }

  /** The sizes of the images stored under a budget, in the order they were read; empty without one. */
  List<ImagePolicy.StoredImage> imageSizes() {
    return imageSizes;
  }

  /** The bytes of {@code range} as read for this sample, null when it was not read whole. */
  @Nullable
  byte[] held(ByteRange range) {
    return held.get(range);
  }

  private ImagePolicy.CheckedImage stored(ByteRange range, boolean jpegMember) throws MediaException, IOException {
    ImagePolicy.StoredImage image = policy.image(read(range), range, jpegMember);
    imageSizes.add(image);
    return image.image();
  }

  private byte[] read(ByteRange range) throws MediaException, IOException {
    byte[] bytes = policy.read(range);
    held.put(range, bytes);
    return bytes;
  }
}
