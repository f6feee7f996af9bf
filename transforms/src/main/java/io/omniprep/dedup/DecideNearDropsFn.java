package io.omniprep.dedup;

import io.omniprep.util.HashBatches;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * In one group of band buckets ({@link HashBatches}, held whole: a {@link
 * FindDuplicates#PROBE_GROUPS}-th of the rows), within each bucket, each sample that lies within
 * the distance of an earlier one (by (source, position)) is a drop candidate, naming the earliest such sample; keyed by the dropped
 * sample's key, so that {@link #EARLIEST} keeps one candidate over all the buckets it met.
 *
 * <p>The chain rule: a sample is dropped when any earlier sample lies within the distance, kept or
 * dropped itself. With A~B and B~C but A and C farther apart, B and C are both dropped (C as a
 * near-duplicate of B). Each sample's fate so depends on its own neighbours only, not on an order
 * of decisions, and is the same on every runner; no two samples kept lie within the distance; and
 * following {@code duplicateOf} from any dropped sample leads, ever earlier, to a kept one.
 */
final class DecideNearDropsFn extends DoFn<KV<Integer, Iterable<List<KV<String, NearOccurrence>>>>, KV<String, KV<Long, Drop>>> {
  private final int distance;

  DecideNearDropsFn(int distance) {
    this.distance = distance;
  }

  @ProcessElement
  public void process(@Element KV<Integer, Iterable<List<KV<String, NearOccurrence>>>> group, OutputReceiver<KV<String, KV<Long, Drop>>> out) {
    for (List<NearOccurrence> bucket : HashBatches.byKey(group.getValue()).values()) {
      if (bucket.size() > 1) {
        decide(bucket, distance).forEach(out::output);
      }
    }
  }

  /** The drop candidates of one bucket, whatever order its occurrences come in. */
  static List<KV<String, KV<Long, Drop>>> decide(Iterable<NearOccurrence> occurrences, int distance) {
    List<NearOccurrence> all = new ArrayList<>();
    occurrences.forEach(all::add);
    all.sort(Comparator.comparing(NearOccurrence::where, Occurrence.FIRST));
    List<KV<String, KV<Long, Drop>>> drops = new ArrayList<>();
    for (int j = 1; j < all.size(); j++) {
      NearOccurrence later = all.get(j);
      for (int i = 0; i < j; i++) {
        int apart = later.distanceTo(all.get(i));
        if (apart <= distance) {
          Occurrence kept = all.get(i).where();
          Occurrence copy = later.where();
          drops.add(KV.of(copy.key(), KV.of(copy.ordinal(), new Drop(copy.key(), kept.key(), kept.source(), kept.position(), apart))));
          break;
        }
      }
    }
    return drops;
  }

  /** Of two candidates for one sample, the one naming the earlier sample (the same pair met in two bands is one). */
  static final Combine.BinaryCombineFn<KV<Long, Drop>> EARLIEST = new Combine.BinaryCombineFn<>() {
    @Override
    public KV<Long, Drop> apply(KV<Long, Drop> a, KV<Long, Drop> b) {
      int order = a.getValue().keptSource().compareTo(b.getValue().keptSource());
      if (order == 0) {
        order = Long.compare(a.getValue().keptPosition(), b.getValue().keptPosition());
      }
      return order <= 0 ? a : b;
    }
  };
}
