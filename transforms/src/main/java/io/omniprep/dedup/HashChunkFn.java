package io.omniprep.dedup;

import io.omniprep.llava.JsonChunk;
import io.omniprep.sample.Sample;
import io.omniprep.stats.MediaFacts;
import io.omniprep.util.HashBatches;
import java.io.IOException;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * The first pass of exact dedup, where a chunk's descriptor lands: each candidate's probe computed
 * ({@link Candidates}, {@link SampleHash#probe}: a few KiB of its media read, never all), and only
 * (probe, where, media ranges) rows emitted, batched by a hash of the probe ({@link HashBatches},
 * {@link FindDuplicates#PROBE_GROUPS} groups). Nothing is left for the writer ({@link HashParts}
 * is phash's): it hashes the media it writes itself, from the bytes it holds to write them.
 */
final class HashChunkFn extends DoFn<JsonChunk, KV<Integer, List<KV<Long, ExactOccurrence>>>> {
  private final Candidates candidates;
  private final DedupMode mode;

  HashChunkFn(Candidates candidates, DedupMode mode) {
    this.candidates = candidates;
    this.mode = mode;
  }

  @ProcessElement
  public void process(@Element JsonChunk chunk, OutputReceiver<KV<Integer, List<KV<Long, ExactOccurrence>>>> out) throws IOException {
    HashBatches<KV<Long, ExactOccurrence>> batches = new HashBatches<>(KV::getKey, FindDuplicates.PROBE_GROUPS);
    for (KV<Sample, Long> probed : candidates.hashed(chunk, s -> SampleHash.probe(s, mode))) {
      Sample sample = probed.getKey();
      Occurrence where = new Occurrence(sample.source(), sample.position(), chunk.ordinal(), sample.key());
      batches.add(KV.of(probed.getValue(), new ExactOccurrence(where, MediaFacts.ranges(sample))));
    }
    batches.emit(out::output);
  }
}
