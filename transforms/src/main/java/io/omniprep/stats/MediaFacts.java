package io.omniprep.stats;

import io.omniprep.util.Sha256;
import io.omniprep.av.AvException;
import io.omniprep.av.FrameExtractor;
import io.omniprep.media.LocalMedia;
import io.omniprep.media.MediaResolver;
import io.omniprep.media.ImageHeaders;
import io.omniprep.media.ImageFacts;
import io.omniprep.sample.ByteRange;
import io.omniprep.sample.MediaKind;
import io.omniprep.sample.MediaRef;
import io.omniprep.sample.ResolvedMedia;
import io.omniprep.sample.Sample;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What the sample table records of a sample's media, measured from the media as read: the SHA-256
 * of all their bytes in record order (the identity exact dedup compares), the first image's stored
 * size from its header (never decoded), and the first video's duration (frames / sidecar fps for a
 * frame list, the container's duration for a file; null when unknown).
 */
public record MediaFacts(@Nullable String sha256, @Nullable Integer width, @Nullable Integer height, @Nullable Double duration) {
  private static final int BUFFER = 1 << 16;
  /** Images up to this size are read whole once, for their digest and header together. */
  private static final int HELD_IMAGE_BYTES = 64 << 20;

  /**
   * The facts of {@code sample}'s media, taking the bytes of a range from {@code held} when the
   * caller already read it whole (the writer reads every image anyway), reading the others.
   */
  public static MediaFacts of(Sample sample, Function<ByteRange, byte @Nullable []> held) throws IOException {
    MessageDigest digest = Sha256.newDigest();
    boolean any = false;
    Integer width = null;
    Integer height = null;
    Double duration = null;
    byte[] buffer = null;
    for (MediaRef ref : sample.media()) {
      ResolvedMedia media = ref.resolved();
      if (media == null || media.parts().isEmpty()) {
        continue;
      }
      any = true;
      boolean image = ref.kind() == MediaKind.IMAGE || ref.kind() == MediaKind.IMAGE_GEN;
      for (ByteRange range : media.parts()) {
        byte[] bytes = held.apply(range);
        if (bytes == null && image && width == null && range.length() <= HELD_IMAGE_BYTES) {
          bytes = MediaResolver.read(range); // one read serves both the digest and the header
        }
        if (bytes != null) {
          digest.update(bytes);
          if (image && width == null) {
            ImageFacts facts = ImageHeaders.read(new ByteArrayInputStream(bytes));
            if (facts.readable()) {
              width = facts.width();
              height = facts.height();
            }
          }
          continue;
        }
        if (image && width == null) {
          ImageFacts facts = imageFacts(range);
          if (facts.readable()) {
            width = facts.width();
            height = facts.height();
          }
        }
        buffer = buffer == null ? new byte[BUFFER] : buffer;
        try (InputStream in = MediaResolver.open(range)) {
          for (int n; (n = in.read(buffer)) > 0; ) {
            digest.update(buffer, 0, n);
          }
        }
      }
      if (duration == null && ref.kind() == MediaKind.VIDEO) {
        duration = duration(media);
      }
    }
    return new MediaFacts(any ? HexFormat.of().formatHex(digest.digest()) : null, width, height, duration);
  }

  /** Every medium's byte ranges of {@code sample}, in record order (what {@code sha256} covers). */
  public static List<ByteRange> ranges(Sample sample) {
    List<ByteRange> ranges = new ArrayList<>();
    for (MediaRef ref : sample.media()) {
      if (ref.resolved() != null) {
        ranges.addAll(ref.resolved().parts());
      }
    }
    return ranges;
  }

  /** Hex SHA-256 of the bytes of {@code ranges}, in order: a sample's {@code sha256} from its {@link #ranges}. */
  public static String sha256(List<ByteRange> ranges) throws IOException {
    MessageDigest digest = Sha256.newDigest();
    byte[] buffer = new byte[BUFFER];
    for (ByteRange range : ranges) {
      try (InputStream in = MediaResolver.open(range)) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          digest.update(buffer, 0, n);
        }
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** An image's stored size from its header, never decoded. */
  public static ImageFacts imageFacts(ByteRange range) throws IOException {
    try (InputStream in = new BufferedInputStream(MediaResolver.open(range), 8192)) {
      return ImageHeaders.read(in);
    }
  }

  /** A video's duration in seconds, null when unknown. */
  public static @Nullable Double duration(ResolvedMedia video) throws IOException {
    if (video.isFrames()) {
      if (video.fps() == null) {
        return null;
      }
      double fps = Double.parseDouble(video.fps());
      return fps > 0 ? video.parts().size() / fps : null;
    }
    try (LocalMedia local = LocalMedia.of(video.parts().get(0))) {
      long micros = new FrameExtractor().withDecoderThreads(1).probe(local.path()).durationMicros();
      return micros > 0 ? micros / 1e6 : null;
    } catch (AvException e) {
      return null; // not probed: the duration stays unknown, as the writer already checked the file
    }
  }

}
