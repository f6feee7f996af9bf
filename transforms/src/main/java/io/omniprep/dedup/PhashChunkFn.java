package io.omniprep.dedup;

import io.omniprep.filter.SampleFilter;
import io.omniprep.io.AtomicFiles;
import io.omniprep.read.JsonChunk;
import io.omniprep.sample.Sample;
import io.omniprep.validate.SampleValidator;
import io.omniprep.wds.SampleLayout;
import java.io.IOException;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * The first pass of {@code --dedup=phash}, where a chunk's descriptor lands, as {@link HashChunkFn}
 * for exact dedup: each candidate's images decoded at a reduced size and hashed, one (bucket,
 * occurrence) pair emitted per band ({@link Bands}), and the chunk's first-image hashes left for its
 * writer ({@link PhashParts}). A sample whose media are not all images that decode is never a
 * near-duplicate.
 */
final class PhashChunkFn extends DoFn<JsonChunk, KV<String, NearOccurrence>> {
  private final SampleValidator validator;
  private final SampleLayout layout;
  private final SampleFilter filter;
  private final long maxRecordBytes;
  private final int distance;
  private final String outputDirectory;

  PhashChunkFn(SampleValidator validator, SampleLayout layout, SampleFilter filter, long maxRecordBytes, int distance, String outputDirectory) {
    this.validator = validator;
    this.layout = layout;
    this.filter = filter;
    this.maxRecordBytes = maxRecordBytes;
    this.distance = distance;
    this.outputDirectory = outputDirectory;
  }

  @ProcessElement
  public void process(@Element JsonChunk chunk, OutputReceiver<KV<String, NearOccurrence>> out) throws IOException {
    SortedMap<Long, Long> firsts = new TreeMap<>();
    for (KV<Sample, long[]> hashed : HashChunkFn.hashValid(chunk, validator, layout, filter, maxRecordBytes, SampleHash::phashes)) {
      Sample sample = hashed.getKey();
      NearOccurrence occurrence =
          new NearOccurrence(new Occurrence(sample.source(), sample.position(), chunk.ordinal(), sample.key()), hashed.getValue());
      for (String bucket : Bands.buckets(hashed.getValue(), distance)) {
        out.output(KV.of(bucket, occurrence));
      }
      firsts.put(sample.position(), hashed.getValue()[0]);
    }
    PhashParts.write(AtomicFiles.directory(outputDirectory), chunk.ordinal(), firsts);
  }
}
