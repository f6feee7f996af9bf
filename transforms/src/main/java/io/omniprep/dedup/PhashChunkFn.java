package io.omniprep.dedup;

import io.omniprep.io.AtomicFiles;
import io.omniprep.llava.JsonChunk;
import io.omniprep.sample.Sample;
import io.omniprep.util.HashBatches;
import java.io.IOException;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * The first pass of {@code --dedup=phash}, where a chunk's descriptor lands, as {@link HashChunkFn}
 * for exact dedup: each candidate's ({@link Candidates}) images decoded at a reduced size and
 * hashed, one (bucket, occurrence) pair per band ({@link Bands}) emitted in batches by a hash of the
 * bucket ({@link HashBatches}), and the chunk's
 * first-image hashes left for its writer ({@link HashParts}). A sample whose media are not all
 * images that decode is never a near-duplicate.
 */
final class PhashChunkFn extends DoFn<JsonChunk, KV<Integer, List<KV<String, NearOccurrence>>>> {
  private final Candidates candidates;
  private final int distance;
  private final String outputDirectory;

  PhashChunkFn(Candidates candidates, int distance, String outputDirectory) {
    this.candidates = candidates;
    this.distance = distance;
    this.outputDirectory = outputDirectory;
  }

  @ProcessElement
  public void process(@Element JsonChunk chunk, OutputReceiver<KV<Integer, List<KV<String, NearOccurrence>>>> out) throws IOException {
    HashBatches<KV<String, NearOccurrence>> batches = new HashBatches<>(KV::getKey, FindDuplicates.PROBE_GROUPS);
    SortedMap<Long, Long> firsts = new TreeMap<>();
    for (KV<Sample, long[]> hashed : candidates.hashed(chunk, SampleHash::phashes)) {
      Sample sample = hashed.getKey();
      NearOccurrence occurrence =
          new NearOccurrence(new Occurrence(sample.source(), sample.position(), chunk.ordinal(), sample.key()), hashed.getValue());
      for (String bucket : Bands.buckets(hashed.getValue(), distance)) {
        batches.add(KV.of(bucket, occurrence));
      }
      firsts.put(sample.position(), hashed.getValue()[0]);
    }
    batches.emit(out::output);
    HashParts.write(AtomicFiles.directory(outputDirectory), chunk.ordinal(), firsts);
  }
}
