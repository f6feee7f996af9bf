package io.omniprep.patch;

import io.omniprep.errors.FailedRecord;
import io.omniprep.llava.LlavaRecords;
import io.omniprep.sample.MediaRef;
import io.omniprep.sample.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A packed sample: every medium replaced by its patch reference, or the failure of its first medium that failed. */
final class PatchedSample {
  private PatchedSample() {}

  /**
   * {@code sample} with medium i replaced by {@code outcomes[i]}'s reference, to {@code rewritten};
   * or, when a medium failed, the failure naming the first that did, to {@code failed}.
   */
  static void rewrite(Sample sample, PackOutcome[] outcomes, Consumer<Sample> rewritten, Consumer<FailedRecord> failed) {
    List<MediaRef> media = new ArrayList<>(outcomes.length);
    for (int i = 0; i < outcomes.length; i++) {
      MediaRef ref = sample.media().get(i);
      PackOutcome outcome = outcomes[i];
      if (outcome == null) {
        throw new IllegalStateException("no packing outcome for " + ref + " of " + sample);
      }
      if (!outcome.isPacked()) {
        failed.accept(FailedRecord.of(sample, PackPatches.STAGE, outcome.reason(),
            ref.field() + " " + ref.location().describe() + ": " + outcome.message(), LlavaRecords.toJson(sample)));
        return;
      }
      media.add(ref.withLocation(outcome.location()).withResolved(outcome.resolved()));
    }
    rewritten.accept(sample.withMedia(media));
  }
}
