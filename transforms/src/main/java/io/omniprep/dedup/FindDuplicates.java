package io.omniprep.dedup;

import io.omniprep.filter.SampleFilter;
import io.omniprep.llava.JsonChunk;
import io.omniprep.validate.SampleValidator;
import io.omniprep.wds.SampleLayout;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Exact dedup's decision, made before any shard is written: each chunk's valid samples hashed where
 * the chunk lands, one exchange of (hash, source, position, chunk, key) rows grouped by hash, and
 * the copies to drop handed to the writers as a side input keyed by chunk. Samples and media bytes
 * never cross the exchange, and the decision depends on the input alone, so it is the same on every
 * runner and rerun.
 */
public final class FindDuplicates extends PTransform<PCollection<JsonChunk>, PCollectionView<Map<Long, Iterable<Drop>>>> {
  private final SampleValidator validator;
  private final SampleLayout layout;
  private final SampleFilter filter;
  private final long maxRecordBytes;
  private final DedupMode mode;

  private FindDuplicates(SampleValidator validator, SampleLayout layout, SampleFilter filter, long maxRecordBytes, DedupMode mode) {
    this.validator = validator;
    this.layout = layout;
    this.filter = filter;
    this.maxRecordBytes = maxRecordBytes;
    this.mode = mode;
  }

  /** Duplicates by {@code mode} among the samples {@code validator}, {@code layout} and {@code filter} accept. */
  public static FindDuplicates of(SampleValidator validator, SampleLayout layout, SampleFilter filter, long maxRecordBytes, DedupMode mode) {
    if (mode == DedupMode.NONE) {
      throw new IllegalArgumentException("FindDuplicates needs a dedup mode other than none");
    }
    return new FindDuplicates(validator, layout, filter, maxRecordBytes, mode);
  }

  @Override
  public PCollectionView<Map<Long, Iterable<Drop>>> expand(PCollection<JsonChunk> chunks) {
    return chunks
        .apply("Hash each chunk's samples", ParDo.of(new HashChunkFn(validator, layout, filter, maxRecordBytes, mode)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), new Occurrence.Coder()))
        .apply("Group by hash", GroupByKey.create())
        .apply("Keep the first of each hash", ParDo.of(new DecideDropsFn()))
        .setCoder(KvCoder.of(VarLongCoder.of(), new Drop.Coder()))
        .apply("Drops by chunk", View.asMultimap());
  }
}
