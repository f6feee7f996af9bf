package io.omniprep.patch;

import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The first join: a distinct medium's outcome, sent to every place it is used, keyed by the using
 * sample and carrying the media index there. Only references travel, never bytes.
 */
final class OutcomesBySampleFn extends DoFn<KV<String, CoGbkResult>, KV<String, KV<Integer, PackOutcome>>> {
  private final TupleTag<KV<String, Integer>> useTag;
  private final TupleTag<PackOutcome> outcomeTag;

  OutcomesBySampleFn(TupleTag<KV<String, Integer>> useTag, TupleTag<PackOutcome> outcomeTag) {
    this.useTag = useTag;
    this.outcomeTag = outcomeTag;
  }

  @ProcessElement
  public void process(@Element KV<String, CoGbkResult> joined, OutputReceiver<KV<String, KV<Integer, PackOutcome>>> out) {
    PackOutcome outcome = joined.getValue().getOnly(outcomeTag, null);
    if (outcome == null) {
      throw new IllegalStateException("no packing outcome for medium " + joined.getKey().replace('\0', ' '));
    }
    for (KV<String, Integer> use : joined.getValue().getAll(useTag)) {
      out.output(KV.of(use.getKey(), KV.of(use.getValue(), outcome)));
    }
  }
}
