package io.omniprep.dedup;

import java.io.Serializable;

/**
 * {@code --dedup} as given: the mode, and for {@code phash} the largest Hamming distance between
 * two images' hashes that still makes them the same picture ({@code phash:D}, 4 by default).
 */
public record Dedup(DedupMode mode, int distance) implements Serializable {
  public static final int DEFAULT_DISTANCE = 4;
  /**
   * The farthest allowed: the hash is cut into D + 1 bands and compared within a band's buckets,
   * which bands under 7 bits (128 buckets) make too crowded: the pairs compared grow as the square.
   */
  public static final int MAX_DISTANCE = 8;
  public static final Dedup NONE = new Dedup(DedupMode.NONE, 0);

  public Dedup {
    if (distance < 0 || distance > MAX_DISTANCE || mode != DedupMode.PHASH && distance != 0) {
      throw new IllegalArgumentException("--dedup=phash takes a distance from 0 to " + MAX_DISTANCE + ", got " + distance);
    }
  }

  /** {@code none}, {@code media}, {@code sample}, {@code phash} or {@code phash:D}. */
  public static Dedup parse(String value) {
    int colon = value.indexOf(':');
    DedupMode mode = DedupMode.parse(colon < 0 ? value : value.substring(0, colon));
    if (colon < 0) {
      return new Dedup(mode, mode == DedupMode.PHASH ? DEFAULT_DISTANCE : 0);
    }
    String distance = value.substring(colon + 1).trim();
    if (mode != DedupMode.PHASH || !distance.matches("[0-9]")) {
      throw new IllegalArgumentException("--dedup expects none, media, sample or phash[:D] (D a distance from 0 to "
          + MAX_DISTANCE + "), got '" + value + "'");
    }
    return new Dedup(mode, Integer.parseInt(distance));
  }

  public boolean isNone() {
    return mode == DedupMode.NONE;
  }

  /** As given on the command line, the default distance spelled out: {@code media}, {@code phash:4}. */
  public String label() {
    return mode == DedupMode.PHASH ? mode.label() + ":" + distance : mode.label();
  }
}
