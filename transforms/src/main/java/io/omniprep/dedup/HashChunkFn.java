package io.omniprep.dedup;

import io.omniprep.io.AtomicFiles;
import io.omniprep.llava.JsonChunk;
import io.omniprep.sample.Sample;
import java.io.IOException;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * The first pass of exact dedup, where a chunk's descriptor lands: each candidate's media hashed
 * ({@link Candidates}), only (hash, where) pairs emitted, and the media's SHA-256 left for the
 * chunk's writer ({@link HashParts}), which so does not hash them again.
 */
final class HashChunkFn extends DoFn<JsonChunk, KV<String, Occurrence>> {
  private final Candidates candidates;
  private final DedupMode mode;
  private final String outputDirectory;

  HashChunkFn(Candidates candidates, DedupMode mode, String outputDirectory) {
    this.candidates = candidates;
    this.mode = mode;
    this.outputDirectory = outputDirectory;
  }

  @ProcessElement
  public void process(@Element JsonChunk chunk, OutputReceiver<KV<String, Occurrence>> out) throws IOException {
    SortedMap<Long, HashParts.Hashes> media = new TreeMap<>();
    for (KV<Sample, SampleHash.Exact> hashed : candidates.hashed(chunk, s -> SampleHash.of(s, mode))) {
      Sample sample = hashed.getKey();
      SampleHash.Exact hash = hashed.getValue();
      out.output(KV.of(hash.identity(), new Occurrence(sample.source(), sample.position(), chunk.ordinal(), sample.key())));
      if (hash.media() != null) {
        media.put(sample.position(), new HashParts.Hashes(hash.media(), null));
      }
    }
    HashParts.write(AtomicFiles.directory(outputDirectory), chunk.ordinal(), media);
  }
}
