package io.omniprep.patch;

import io.omniprep.errors.FailedRecord;
import io.omniprep.llava.LlavaRecords;
import io.omniprep.sample.MediaRef;
import io.omniprep.sample.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The final join: a sample with the outcomes of its media (by media index) becomes the same sample
 * with every medium replaced by its patch reference, or, when any medium failed, a failed record
 * naming the first one that did.
 */
final class RewriteSampleFn extends DoFn<KV<String, CoGbkResult>, Sample> {
  private final TupleTag<Sample> sampleTag;
  private final TupleTag<KV<Integer, PackOutcome>> outcomeTag;
  private final TupleTag<FailedRecord> failures;

  RewriteSampleFn(TupleTag<Sample> sampleTag, TupleTag<KV<Integer, PackOutcome>> outcomeTag, TupleTag<FailedRecord> failures) {
    this.sampleTag = sampleTag;
    this.outcomeTag = outcomeTag;
    this.failures = failures;
  }

  @ProcessElement
  public void process(@Element KV<String, CoGbkResult> joined, MultiOutputReceiver out) {
    Sample sample = joined.getValue().getOnly(sampleTag);
    PackOutcome[] outcomes = new PackOutcome[sample.media().size()];
    for (KV<Integer, PackOutcome> kv : joined.getValue().getAll(outcomeTag)) {
      outcomes[kv.getKey()] = kv.getValue();
    }
    rewrite(sample, outcomes, out.get(PackPatches.REWRITTEN)::output, out.get(failures)::output);
  }

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
