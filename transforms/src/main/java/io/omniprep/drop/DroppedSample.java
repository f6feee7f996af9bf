package io.omniprep.drop;

import io.omniprep.sample.Sample;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A valid sample left out on purpose, and why: {@code reason} names the rule ({@code duplicate},
 * counted as {@code dropped_duplicate}; {@code near_duplicate} under {@code --dedup=phash}), {@code message} says it for a person, and {@code
 * duplicateOf} is the key of the sample kept in its place, for duplicates.
 */
public record DroppedSample(Sample sample, String reason, String message, @Nullable String duplicateOf) {
  public static final String DUPLICATE = "duplicate";
  public static final String NEAR_DUPLICATE = "near_duplicate";
}
