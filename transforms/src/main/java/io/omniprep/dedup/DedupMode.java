package io.omniprep.dedup;

import java.util.Locale;

/**
 * What makes two samples the same for {@code --dedup}: {@code none}; {@code media}, the SHA-256 of
 * their media bytes (every medium, in record order; samples without media are never duplicates);
 * {@code sample}, the same with the conversation (each turn's speaker and text) appended; {@code
 * phash}, the perceptual hashes of their images, each within a Hamming distance ({@link Dedup}).
 */
public enum DedupMode {
  NONE,
  MEDIA,
  SAMPLE,
  PHASH;

  public static DedupMode parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--dedup expects none, media, sample or phash[:D], got '" + value + "'", e);
    }
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
