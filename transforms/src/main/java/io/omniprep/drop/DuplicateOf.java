package io.omniprep.drop;

/**
 * Why a sample is left out as a copy of another, as a duplicate finder decided it: the key of the
 * sample kept in its place, the rule ({@link DroppedSample#DUPLICATE} or {@link
 * DroppedSample#NEAR_DUPLICATE}) and the message for a person.
 */
public interface DuplicateOf {
  /** The key of the sample dropped. */
  String key();

  String keptKey();

  String reason();

  String message();
}
