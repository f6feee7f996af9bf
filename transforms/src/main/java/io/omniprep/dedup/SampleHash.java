package io.omniprep.dedup;

import io.omniprep.util.Sha256;
import io.omniprep.media.Images;
import io.omniprep.media.MediaException;
import io.omniprep.media.MediaResolver;
import io.omniprep.sample.MediaKind;
import io.omniprep.sample.MediaRef;
import io.omniprep.sample.Sample;
import io.omniprep.sample.SurrogatePassUtf8;
import io.omniprep.sample.Turn;
import io.omniprep.stats.MediaFacts;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The identity {@code --dedup} compares: hex SHA-256 of a sample's media (and, for {@code sample},
 * its turns), or for {@code phash} its images' perceptual hashes.
 */
final class SampleHash {
  private SampleHash() {}

  /**
   * What exact dedup compares ({@code identity}), and the hex SHA-256 of the media alone (the sample
   * table's column; null without media): the same for {@code media}.
   */
  record Exact(String identity, @Nullable String media) {}

  /** Null when the sample cannot be a duplicate ({@code media} mode and no media). */
  static @Nullable Exact of(Sample sample, DedupMode mode) throws IOException {
    MessageDigest digest = Sha256.newDigest();
    String media = MediaFacts.digestMedia(sample, digest) ? HexFormat.of().formatHex(copy(digest).digest()) : null;
    if (mode == DedupMode.MEDIA) {
      return media == null ? null : new Exact(media, media);
    }
    // The turns after the media, each string length-prefixed: no two conversations give the same bytes.
    digest.update(ByteBuffer.allocate(Long.BYTES).putLong(sample.turns().size()).array());
    for (Turn turn : sample.turns()) {
      update(digest, turn.speaker());
      update(digest, turn.text());
    }
    return new Exact(HexFormat.of().formatHex(digest.digest()), media);
  }

  /** The digest so far, to finish apart ({@code sample} goes on with the turns). */
  private static MessageDigest copy(MessageDigest digest) {
    try {
      return (MessageDigest) digest.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-256 digests are cloneable in every JDK", e);
    }
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
