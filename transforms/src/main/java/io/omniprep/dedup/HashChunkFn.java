package io.omniprep.dedup;

import io.omniprep.filter.SampleFilter;
import io.omniprep.llava.JsonChunk;
import io.omniprep.sample.Sample;
import java.io.IOException;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * The first pass of exact dedup, where a chunk's descriptor lands: each candidate's media hashed
 * ({@link Candidates}), and only (hash, where) pairs emitted.
 */
final class HashChunkFn extends DoFn<JsonChunk, KV<String, Occurrence>> {
  private final Candidates candidates;
  private final DedupMode mode;

  HashChunkFn(Candidates candidates, DedupMode mode) {
    this.candidates = candidates;
    this.mode = mode;
  }

  @ProcessElement
  public void process(@Element JsonChunk chunk, OutputReceiver<KV<String, Occurrence>> out) throws IOException {
    for (KV<Sample, String> hashed : candidates.hashed(chunk, s -> SampleHash.of(s, mode))) {
      Sample sample = hashed.getKey();
      out.output(KV.of(hashed.getValue(), new Occurrence(sample.source(), sample.position(), chunk.ordinal(), sample.key())));
    }
  }
}
