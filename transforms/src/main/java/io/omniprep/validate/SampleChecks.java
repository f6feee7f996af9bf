package io.omniprep.validate;

import io.omniprep.errors.Reason;
import io.omniprep.media.MediaException;
import io.omniprep.sample.Sample;
import io.omniprep.sample.Speakers;
import io.omniprep.sample.Turn;
import java.util.Optional;

/** The structural rules a sample must meet before its media are looked at. */
final class SampleChecks {
  private SampleChecks() {}

  static void check(Sample sample) throws MediaException {
    if (sample.turns().isEmpty()) {
      throw new MediaException(
          Reason.MISSING_CONVERSATIONS, "no '" + sample.conversationField() + "' list, or an empty one");
    }
    for (int i = 0; i < sample.turns().size(); i++) {
      Turn turn = sample.turns().get(i);
      if (!Speakers.isKnown(turn.speaker())) {
        throw new MediaException(
            Reason.UNKNOWN_SPEAKER,
            "turn " + i + " has speaker '" + turn.speaker() + "' (expected one of human, gpt, system, user, assistant)");
      }
    }
    Optional<String> mismatch = MediaTokens.mismatch(sample);
    if (mismatch.isPresent()) {
      throw new MediaException(Reason.TOKEN_MEDIA_MISMATCH, mismatch.get());
    }
  }
}
