package io.omniprep.dedup;

import io.omniprep.drop.DroppedSample;
import io.omniprep.sample.Sample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A chunk's valid samples split by the dedup decision: those kept, in record order, and those dropped. */
public record ChunkDrops(List<Sample> kept, List<DroppedSample> dropped) {
  public static ChunkDrops apply(List<Sample> valid, Iterable<Drop> drops) {
    Map<String, Drop> byKey = new HashMap<>();
    drops.forEach(d -> byKey.put(d.key(), d));
    if (byKey.isEmpty()) {
      return new ChunkDrops(valid, List.of());
    }
    List<Sample> kept = new ArrayList<>();
    List<DroppedSample> dropped = new ArrayList<>();
    for (Sample sample : valid) {
      Drop drop = byKey.get(sample.key());
      if (drop == null) {
        kept.add(sample);
      } else {
        dropped.add(new DroppedSample(sample, DroppedSample.DUPLICATE,
            "duplicate of " + drop.keptKey() + " (" + drop.keptSource() + " position " + drop.keptPosition() + ")", drop.keptKey()));
      }
    }
    return new ChunkDrops(kept, dropped);
  }
}
