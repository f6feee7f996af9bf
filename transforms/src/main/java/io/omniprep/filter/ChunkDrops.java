package io.omniprep.filter;

import io.omniprep.drop.DroppedSample;
import io.omniprep.drop.DuplicateOf;
import io.omniprep.sample.Sample;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A chunk's valid samples split into those written, in record order, and those left out on
 * purpose: first by the size rules ({@link SampleFilter}), then as duplicates ({@code --dedup}'s
 * decision for this chunk, {@link DuplicateOf}), each dropped sample once, in record order.
 */
public record ChunkDrops(List<Sample> kept, List<DroppedSample> dropped) {
  public static ChunkDrops apply(List<Sample> valid, SampleFilter filter, Iterable<? extends DuplicateOf> duplicates) throws IOException {
    Map<String, DuplicateOf> byKey = new HashMap<>();
    duplicates.forEach(d -> byKey.put(d.key(), d));
    if (byKey.isEmpty() && filter.keepsAll()) {
      return new ChunkDrops(valid, List.of());
    }
    List<Sample> kept = new ArrayList<>();
    List<DroppedSample> dropped = new ArrayList<>();
    for (Sample sample : valid) {
      Optional<DroppedSample> filtered = filter.refuse(sample);
      DuplicateOf duplicate = byKey.get(sample.key());
      if (filtered.isPresent()) {
        dropped.add(filtered.get());
      } else if (duplicate != null) {
        dropped.add(new DroppedSample(sample, duplicate.reason(), duplicate.message(), duplicate.keptKey()));
      } else {
        kept.add(sample);
      }
    }
    return new ChunkDrops(kept, dropped);
  }
}
