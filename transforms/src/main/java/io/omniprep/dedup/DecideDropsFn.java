package io.omniprep.dedup;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/** Of the samples sharing a hash, keeps the first by (source, position) and drops the others, by chunk. */
final class DecideDropsFn extends DoFn<KV<String, Iterable<Occurrence>>, KV<Long, Drop>> {
  @ProcessElement
  public void process(@Element KV<String, Iterable<Occurrence>> group, OutputReceiver<KV<Long, Drop>> out) {
    List<Occurrence> all = new ArrayList<>();
    group.getValue().forEach(all::add);
    if (all.size() < 2) {
      return;
    }
    all.sort(Occurrence.FIRST);
    Occurrence kept = all.get(0);
    for (Occurrence copy : all.subList(1, all.size())) {
      out.output(KV.of(copy.ordinal(), new Drop(copy.key(), kept.key(), kept.source(), kept.position())));
    }
  }
}
