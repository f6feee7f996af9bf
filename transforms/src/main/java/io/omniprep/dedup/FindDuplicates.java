package io.omniprep.dedup;

import io.omniprep.filter.SampleFilter;
import io.omniprep.llava.JsonChunk;
import io.omniprep.util.HashBatches;
import io.omniprep.validate.SampleValidator;
import io.omniprep.validate.ValidatedChunk;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Dedup's decision, made before any shard is written: each chunk's valid samples probed or hashed
 * where the chunk lands, and the copies to drop handed to the writers as a side input keyed by
 * chunk. Exact dedup: one exchange of (probe, source, position, chunk, key, media ranges) rows
 * ({@link SampleHash#probe}: the media's length and first KiBs), and the media of samples sharing a
 * probe hashed whole where they meet ({@link DecideDropsFn}). Perceptual dedup: the same rows with
 * the images' hashes, one per band of the first hash ({@link Bands}), compared within each bucket
 * ({@link DecideNearDropsFn}), then one exchange of the candidates keyed by the dropped sample
 * keeping the earliest. The rows cross in batches, a chunk's rows by a hash of the probe or bucket
 * into {@link #PROBE_GROUPS} groups ({@link HashBatches}): the exchange then moves a few thousand
 * elements, not one per sample (per element, Flink's sort and Beam's coders cost far more than the
 * rows' bytes). Samples and media bytes never cross an exchange, and the decision depends on the
 * input alone, so it is the same on every runner and rerun.
 */
public final class FindDuplicates extends PTransform<PCollection<JsonChunk>, PCollectionView<Map<Long, Iterable<Drop>>>> {
  /**
   * How many groups the rows are batched into. A group's rows are held at once where it is decided:
   * at 100 million samples some 400,000 rows (phash:4 has five rows a sample: five times that),
   * while 50,000 samples in 10 chunks cross as a few thousand batches.
   */
  static final int PROBE_GROUPS = 256;

  private final Candidates candidates;
  private final Dedup dedup;
  private final String outputDirectory;

  private FindDuplicates(Candidates candidates, Dedup dedup, String outputDirectory) {
    this.candidates = candidates;
    this.dedup = dedup;
    this.outputDirectory = outputDirectory;
  }

  /**
   * Duplicates by {@code dedup} among the samples {@code validator}, the writer's {@code
   * layoutCheck} and {@code filter} accept; with {@code phash}, the hashes the sample table needs are left for the writers
   * under {@code outputDirectory} ({@link HashParts}), and with {@code carry} (when the writers
   * validate each input chunk with the layout's check alone) each chunk as validated ({@link ValidatedParts}).
   */
  public static FindDuplicates of(SampleValidator validator, ValidatedChunk.Check layoutCheck, SampleFilter filter, long maxRecordBytes, Dedup dedup,
      String outputDirectory, boolean carry) {
    if (dedup.isNone()) {
      throw new IllegalArgumentException("FindDuplicates needs a dedup mode other than none");
    }
    return new FindDuplicates(new Candidates(validator, layoutCheck, filter, maxRecordBytes, carry ? outputDirectory : null), dedup,
        outputDirectory);
  }

  @Override
  public PCollectionView<Map<Long, Iterable<Drop>>> expand(PCollection<JsonChunk> chunks) {
    KvCoder<Long, Drop> byChunk = KvCoder.of(VarLongCoder.of(), new Drop.Coder());
    PCollection<KV<Long, Drop>> drops;
    if (dedup.mode() == DedupMode.PHASH) {
      drops = chunks
          .apply("Hash each chunk's images",
              ParDo.of(new PhashChunkFn(candidates, dedup.distance(), outputDirectory)))
          .setCoder(HashBatches.coder(KvCoder.of(StringUtf8Coder.of(), new NearOccurrence.Coder())))
          .apply("Group by band bucket hash", GroupByKey.create())
          .apply("Compare within each bucket", ParDo.of(new DecideNearDropsFn(dedup.distance())))
          .setCoder(KvCoder.of(StringUtf8Coder.of(), byChunk))
          .apply("Keep the earliest of each sample's", Combine.perKey(DecideNearDropsFn.EARLIEST))
          .apply("Drops", Values.create())
          .setCoder(byChunk);
    } else {
      drops = chunks
          .apply("Probe each chunk's samples", ParDo.of(new HashChunkFn(candidates, dedup.mode())))
          .setCoder(HashBatches.coder(KvCoder.of(VarLongCoder.of(), new ExactOccurrence.Coder())))
          .apply("Group by probe hash", GroupByKey.create())
          .apply("Hash shared probes, keep the first of each hash", ParDo.of(new DecideDropsFn()))
          .setCoder(byChunk);
    }
    return drops.apply("Drops by chunk", View.asMultimap());
  }
}
