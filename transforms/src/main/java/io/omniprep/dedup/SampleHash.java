package io.omniprep.dedup;

import io.omniprep.util.Sha256;
import io.omniprep.media.Images;
import io.omniprep.media.MediaException;
import io.omniprep.media.MediaResolver;
import io.omniprep.sample.ByteRange;
import io.omniprep.sample.MediaKind;
import io.omniprep.sample.MediaRef;
import io.omniprep.sample.Sample;
import io.omniprep.sample.SurrogatePassUtf8;
import io.omniprep.sample.Turn;
import io.omniprep.stats.MediaFacts;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What {@code --dedup} compares. Exact dedup in two steps: a sample's {@link #probe} (its media's
 * length and first bytes, for {@code sample} its conversation too) is cheap and sorts out nearly
 * every sample that has no copy; only samples sharing a probe have their media hashed whole ({@link
 * MediaFacts#sha256(List)}). For {@code phash}, its images' perceptual hashes.
 */
final class SampleHash {
  /** How much of a sample's media (all of them, in record order) its probe reads. */
  static final int PROBE_BYTES = 4096;

  private SampleHash() {}

  /**
   * The first 64 bits of the SHA-256 of the total length of {@code sample}'s media, their first
   * {@value #PROBE_BYTES} bytes and, for {@code sample}, each turn's speaker and text: equal for any
   * two samples whose media bytes (and conversations) are equal. Two others that share it by chance
   * are only hashed whole for nothing, so 64 bits are enough, and make a small exchange key. Null
   * when the sample cannot be a duplicate ({@code media} mode and no media).
   */
  static @Nullable Long probe(Sample sample, DedupMode mode) throws IOException {
    List<ByteRange> media = MediaFacts.ranges(sample);
    if (mode == DedupMode.MEDIA && media.isEmpty()) {
      return null;
    }
    MessageDigest digest = Sha256.newDigest();
    digest.update(ByteBuffer.allocate(Long.BYTES).putLong(media.stream().mapToLong(ByteRange::length).sum()).array());
    int left = PROBE_BYTES;
    for (int i = 0; i < media.size() && left > 0; i++) {
      ByteRange range = media.get(i);
      byte[] first = MediaResolver.read(new ByteRange(range.resource(), range.offset(), Math.min(left, range.length())));
      digest.update(first);
      left -= first.length;
    }
    if (mode == DedupMode.SAMPLE) {
      // Each string length-prefixed: no two conversations give the same bytes.
      digest.update(ByteBuffer.allocate(Long.BYTES).putLong(sample.turns().size()).array());
      for (Turn turn : sample.turns()) {
        update(digest, turn.speaker());
        update(digest, turn.text());
      }
    }
    return ByteBuffer.wrap(digest.digest()).getLong();
  }

  /**
   * The perceptual hash of each of the sample's images, in record order; null when it cannot be a
   * near-duplicate: no media, a medium other than an image, or an image the writer would refuse
   * (cut short: {@link Images#check}) or no JDK reader decodes whole. A sample that may fail when
   * written is never a candidate, so it never stands for a copy that is dropped.
   */
  static long @Nullable [] phashes(Sample sample) throws IOException {
    List<MediaRef> media = sample.media();
    long[] hashes = new long[media.size()];
    for (int i = 0; i < hashes.length; i++) {
      MediaRef ref = media.get(i);
      boolean image = ref.kind() == MediaKind.IMAGE || ref.kind() == MediaKind.IMAGE_GEN;
      if (!image || ref.resolved() == null || ref.resolved().parts().size() != 1) {
        return null;
      }
      byte[] bytes = MediaResolver.read(ref.resolved().parts().get(0));
      try {
        Images.check(bytes, ref.toString());
      } catch (MediaException e) {
        return null;
      }
      Long hash = PerceptualHash.of(bytes);
      if (hash == null) {
        return null;
      }
      hashes[i] = hash;
    }
    return hashes.length == 0 ? null : hashes;
  }

  private static void update(MessageDigest digest, String text) {
    byte[] bytes = SurrogatePassUtf8.encode(text); // a lone surrogate is not '?': no false duplicate
    digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
    digest.update(bytes);
  }
}
