package io.omniprep.dedup;

import io.omniprep.sample.Sample;
import io.omniprep.sample.SurrogatePassUtf8;
import io.omniprep.sample.Turn;
import io.omniprep.stats.MediaFacts;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.checkerframework.checker.nullness.qual.Nullable;

/** The identity {@code --dedup} compares: hex SHA-256 of a sample's media (and, for {@code sample}, its turns). */
final class SampleHash {
  private SampleHash() {}

  /** Null when the sample cannot be a duplicate ({@code media} mode and no media). */
  static @Nullable String of(Sample sample, DedupMode mode) throws IOException {
    MessageDigest digest = MediaFacts.newDigest();
    boolean media = MediaFacts.digestMedia(sample, digest);
    if (mode == DedupMode.MEDIA) {
      return media ? HexFormat.of().formatHex(digest.digest()) : null;
    }
    // The turns after the media, each string length-prefixed: no two conversations give the same bytes.
    digest.update(ByteBuffer.allocate(Long.BYTES).putLong(sample.turns().size()).array());
    for (Turn turn : sample.turns()) {
      update(digest, turn.speaker());
      update(digest, turn.text());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void update(MessageDigest digest, String text) {
    byte[] bytes = SurrogatePassUtf8.encode(text); // a lone surrogate is not '?': no false duplicate
    digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
    digest.update(bytes);
  }
}
