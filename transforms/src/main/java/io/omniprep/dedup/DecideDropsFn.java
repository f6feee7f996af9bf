package io.omniprep.dedup;

import io.omniprep.sample.ByteRange;
import io.omniprep.stats.MediaFacts;
import io.omniprep.util.HashBatches;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * In one group of probes ({@link HashBatches}), the samples that share a probe; of those, hashes
 * each one's media whole (only here: a probe met once needs no hash) and, of those whose hashes are
 * equal, keeps the first by (source, position) and drops the others, by chunk. Samples whose media
 * are the very same byte ranges (records naming one file) have the same bytes: their media are
 * hashed once, and not at all when the group has no others. A sample whose media cannot be read
 * whole is no candidate: its writer fails it.
 */
final class DecideDropsFn extends DoFn<KV<Integer, Iterable<List<KV<Long, ExactOccurrence>>>>, KV<Long, Drop>> {
  /** A sample's media hash; may fail. */
  @FunctionalInterface
  interface MediaHash {
    String of(List<ByteRange> media) throws IOException;
  }

  @ProcessElement
  public void process(@Element KV<Integer, Iterable<List<KV<Long, ExactOccurrence>>>> group, OutputReceiver<KV<Long, Drop>> out) {
    for (List<ExactOccurrence> sharing : HashBatches.byKey(group.getValue()).values()) {
      decide(sharing, MediaFacts::sha256).forEach(out::output);
    }
  }

  /** The drops of one probe's occurrences, by chunk, whatever order they come in. */
  static List<KV<Long, Drop>> decide(Iterable<ExactOccurrence> occurrences, MediaHash hash) {
    List<ExactOccurrence> all = new ArrayList<>();
    occurrences.forEach(all::add);
    List<KV<Long, Drop>> drops = new ArrayList<>();
    if (all.size() < 2) {
      return drops;
    }
    Map<List<ByteRange>, List<Occurrence>> byMedia = new LinkedHashMap<>();
    for (ExactOccurrence o : all) {
      byMedia.computeIfAbsent(o.media(), m -> new ArrayList<>()).add(o.where());
    }
    Collection<List<Occurrence>> sameBytes = byMedia.values();
    if (byMedia.size() > 1) {
      Map<String, List<Occurrence>> byHash = new TreeMap<>();
      byMedia.forEach((media, where) -> {
        try {
          byHash.computeIfAbsent(hash.of(media), h -> new ArrayList<>()).addAll(where);
        } catch (IOException e) {
          // unreadable media: the writer fails these samples with its reason
        }
      });
      sameBytes = byHash.values();
    }
    for (List<Occurrence> same : sameBytes) {
      same.sort(Occurrence.FIRST);
      Occurrence kept = same.get(0);
      for (Occurrence copy : same.subList(1, same.size())) {
        drops.add(KV.of(copy.ordinal(), new Drop(copy.key(), kept.key(), kept.source(), kept.position())));
      }
    }
    return drops;
  }
}
