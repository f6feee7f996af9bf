package io.omniprep.dedup;

import io.omniprep.io.AtomicFiles;
import io.omniprep.llava.JsonChunk;
import io.omniprep.sample.Sample;
import io.omniprep.stats.MediaFacts;
import java.io.IOException;
import java.util.TreeMap;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * The first pass of exact dedup, where a chunk's descriptor lands: each candidate's probe computed
 * ({@link Candidates}, {@link SampleHash#probe}: a few KiB of its media read, never all), and only
 * (probe, where, media ranges) rows emitted. The chunk's writer hashes the media it writes itself.
 */
final class HashChunkFn extends DoFn<JsonChunk, KV<String, ExactOccurrence>> {
  private final Candidates candidates;
  private final DedupMode mode;
  private final String outputDirectory;

  HashChunkFn(Candidates candidates, DedupMode mode, String outputDirectory) {
    this.candidates = candidates;
    this.mode = mode;
    this.outputDirectory = outputDirectory;
  }

  @ProcessElement
  public void process(@Element JsonChunk chunk, OutputReceiver<KV<String, ExactOccurrence>> out) throws IOException {
    for (KV<Sample, String> probed : candidates.hashed(chunk, s -> SampleHash.probe(s, mode))) {
      Sample sample = probed.getKey();
      Occurrence where = new Occurrence(sample.source(), sample.position(), chunk.ordinal(), sample.key());
      out.output(KV.of(probed.getValue(), new ExactOccurrence(where, MediaFacts.ranges(sample))));
    }
    // No hashes for the writer: clear what a --dedup=phash run that stopped early may have left.
    HashParts.write(AtomicFiles.directory(outputDirectory), chunk.ordinal(), new TreeMap<>());
  }
}
