package io.omniprep.dedup;

import java.util.ArrayList;
import java.util.List;

/**
 * The buckets a sample's hashes fall in, as locality-sensitive hashing by bands does: the first
 * image's 64 bits cut into D + 1 bands of nearly equal width. Two hashes at most D bits apart
 * differ in at most D bands, so they agree on at least one (pigeonhole): every pair within D meets
 * in some bucket, and only samples with as many images are compared.
 */
final class Bands {
  private Bands() {}

  /** One bucket name per band: image count, band number, the band's bits. */
  static List<String> buckets(long[] hashes, int distance) {
    int bands = distance + 1;
    List<String> buckets = new ArrayList<>(bands);
    for (int b = 0; b < bands; b++) {
      int from = b * Long.SIZE / bands;
      int to = (b + 1) * Long.SIZE / bands;
      long bits = (hashes[0] >>> from) & (to - from == Long.SIZE ? -1L : (1L << (to - from)) - 1);
      buckets.add(hashes.length + ":" + b + ":" + Long.toHexString(bits));
    }
    return buckets;
  }
}
