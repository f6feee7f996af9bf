package io.omniprep.dedup;

import io.omniprep.filter.SampleFilter;
import io.omniprep.read.JsonChunk;
import io.omniprep.sample.Sample;
import io.omniprep.util.Lookahead;
import io.omniprep.validate.SampleValidator;
import io.omniprep.validate.ValidatedChunk;
import io.omniprep.wds.SampleLayout;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The first pass of dedup, where a chunk's descriptor lands: the chunk read and validated as its
 * writer will (so the same samples are candidates: a sample the size rules drop keeps no copy), each valid sample's media hashed (on every
 * core, {@link Lookahead}), and only (hash, where) pairs emitted. Failures are not reported here:
 * the writer reports them.
 */
final class HashChunkFn extends DoFn<JsonChunk, KV<String, Occurrence>> {
  private static final int HASH_WINDOW = 32;

  private final SampleValidator validator;
  private final SampleLayout layout;
  private final SampleFilter filter;
  private final long maxRecordBytes;
  private final DedupMode mode;

  HashChunkFn(SampleValidator validator, SampleLayout layout, SampleFilter filter, long maxRecordBytes, DedupMode mode) {
    this.validator = validator;
    this.layout = layout;
    this.filter = filter;
    this.maxRecordBytes = maxRecordBytes;
    this.mode = mode;
  }

  @ProcessElement
  public void process(@Element JsonChunk chunk, OutputReceiver<KV<String, Occurrence>> out) throws IOException {
    for (KV<Sample, String> hashed : hashValid(chunk, validator, layout, filter, maxRecordBytes, s -> SampleHash.of(s, mode))) {
      Sample sample = hashed.getKey();
      out.output(KV.of(hashed.getValue(), new Occurrence(sample.source(), sample.position(), chunk.ordinal(), sample.key())));
    }
  }

  /**
   * The chunk's valid samples that could be duplicates (the size rules and the layout accept them),
   * each with its {@code hash}, in record order; those it gives no hash (null) or whose media
   * cannot be read are left out.
   */
  static <H> List<KV<Sample, H>> hashValid(JsonChunk chunk, SampleValidator validator, SampleLayout layout, SampleFilter filter,
      long maxRecordBytes, Lookahead.Task<Sample, @Nullable H> hash) throws IOException {
    List<Sample> valid =
        ValidatedChunk.of(chunk, maxRecordBytes, validator, sample -> Optional.empty(), id -> {}).valid();
    List<KV<Sample, H>> hashed = new ArrayList<>();
    int i = 0;
    for (Lookahead.Outcome<H> outcome : Lookahead.ordered(valid, HASH_WINDOW,
        s -> filter.refuse(s).isPresent() || layout.unsuitable(s).isPresent() ? null : hash.apply(s))) {
      Sample sample = valid.get(i++);
      H value;
      try {
        value = outcome.get(IOException.class);
      } catch (IOException e) {
        continue; // unreadable media: the writer fails this sample with its reason
      }
      if (value != null) {
        hashed.add(KV.of(sample, value));
      }
    }
    return hashed;
  }
}
