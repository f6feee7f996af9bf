package io.omniprep.dedup;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/** Of the samples sharing a hash, keeps the first by (source, position) and drops the others, by chunk. */
final class DecideDropsFn extends DoFn<KV<String, Iterable<Occurrence>>, KV<Long, Drop>> {
  @ProcessElement
  public void process(@Element KV<String, Iterable<Occurrence>> group, OutputReceiver<KV<Long, Drop>> out) {
    decide(group.getValue()).forEach(out::output);
  }

  /** The drops of one hash's occurrences, by chunk, whatever order they come in. */
  static List<KV<Long, Drop>> decide(Iterable<Occurrence> occurrences) {
    List<Occurrence> all = new ArrayList<>();
    occurrences.forEach(all::add);
    all.sort(Occurrence.FIRST);
    List<KV<Long, Drop>> drops = new ArrayList<>();
    for (int i = 1; i < all.size(); i++) {
      Occurrence copy = all.get(i);
      drops.add(KV.of(copy.ordinal(), new Drop(copy.key(), all.get(0).key(), all.get(0).source(), all.get(0).position())));
    }
    return drops;
  }
}
