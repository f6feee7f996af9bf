package io.omniprep.validate;

import io.omniprep.media.MediaException;
import io.omniprep.sample.Sample;
import java.io.Serializable;
import java.util.Set;

/**
 * The media of a sample that a stage does not read, because the stage writes them itself
 * ({@code extract-audio} writing the WAV a record names) or because another stage makes them: a
 * validator neither looks them up nor resolves them, so that a record naming a file that does not
 * exist yet is not refused as {@code media_missing}. The tokens still count them.
 */
@FunctionalInterface
public interface UnreadMedia extends Serializable {
  /** Nothing is left unread: every medium is checked. */
  UnreadMedia NONE = sample -> Set.of();

  /**
   * Indices into {@code sample.media()} of the media not to look up.
   *
   * @throws MediaException when such a medium is refused (e.g. a target outside the output folder)
   */
  Set<Integer> of(Sample sample) throws MediaException;
}
