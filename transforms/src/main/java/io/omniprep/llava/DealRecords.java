package io.omniprep.llava;

import static io.omniprep.util.Args.check;

import io.omniprep.sample.SampleKeys;
import io.omniprep.shuffle.Shuffle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Deals the records of the input chunks to shuffle buckets ({@link Shuffle}), as descriptors only:
 * each chunk's records of one bucket travel as runs of that chunk (byte offsets, positions; no text,
 * no media) through one GroupByKey, and each bucket comes out as a {@link RecordSet} numbered by
 * the bucket, which a chunk-local writer reads, parses and writes like a chunk. The bucket count
 * comes from the record total the boundary scan found ({@link Shuffle#bucketCount}).
 *
 * <p>A run is cut where the next record lies more than {@value #MAX_GAP} bytes further on, so that
 * a bucket's reads skip what other buckets hold; a record over {@code maxRecordBytes} is a run of
 * its own, so that it is refused unread as in a chunk.
 */
public final class DealRecords extends PTransform<PCollection<JsonChunk>, PCollection<RecordSet>> {
  /** The most bytes of other buckets' records one read takes along rather than seek past. */
  static final long MAX_GAP = 64 * 1024;

  private final Shuffle shuffle;
  private final int maxSamplesPerShard;
  private final long maxRecordBytes;

  private DealRecords(Shuffle shuffle, int maxSamplesPerShard, long maxRecordBytes) {
    this.shuffle = shuffle;
    this.maxSamplesPerShard = maxSamplesPerShard;
    this.maxRecordBytes = maxRecordBytes;
  }

  public static DealRecords of(Shuffle shuffle, int maxSamplesPerShard, long maxRecordBytes) {
    check(shuffle != null, "shuffle can not be null");
    check(maxSamplesPerShard > 0, "maxSamplesPerShard must be positive, was %s", maxSamplesPerShard);
    return new DealRecords(shuffle, maxSamplesPerShard, maxRecordBytes);
  }

  @Override
  public PCollection<RecordSet> expand(PCollection<JsonChunk> chunks) {
    PCollectionView<Long> total =
        chunks
            .apply("Count records", MapElements.into(TypeDescriptors.longs()).via(chunk -> (long) chunk.size()))
            .apply("Total records", Combine.globally(Sum.ofLongs()).asSingletonView());
    return chunks
        .apply("Deal to buckets", ParDo.of(new DealFn(shuffle, maxSamplesPerShard, maxRecordBytes, total)).withSideInputs(total))
        .setCoder(KvCoder.of(VarIntCoder.of(), JsonChunk.Coder.of()))
        .apply("Group by bucket", GroupByKey.create())
        .apply("Record sets", MapElements.into(TypeDescriptor.of(RecordSet.class)).via(DealRecords::recordSet))
        .setCoder(RecordSet.Coder.of());
  }

  /** A bucket's runs in a fixed order (the grouping's is any): by chunk, then by bytes. */
  private static RecordSet recordSet(KV<Integer, Iterable<JsonChunk>> bucket) {
    List<JsonChunk> runs = new ArrayList<>();
    bucket.getValue().forEach(runs::add);
    runs.sort(Comparator.comparingLong(JsonChunk::ordinal).thenComparingLong(JsonChunk::firstByte));
    return new RecordSet(bucket.getKey(), runs);
  }

  private static final class DealFn extends DoFn<JsonChunk, KV<Integer, JsonChunk>> {
    private final Shuffle shuffle;
    private final int maxSamplesPerShard;
    private final long maxRecordBytes;
    private final PCollectionView<Long> total;

    DealFn(Shuffle shuffle, int maxSamplesPerShard, long maxRecordBytes, PCollectionView<Long> total) {
      this.shuffle = shuffle;
      this.maxSamplesPerShard = maxSamplesPerShard;
      this.maxRecordBytes = maxRecordBytes;
      this.total = total;
    }

    @ProcessElement
    public void process(@Element JsonChunk chunk, OutputReceiver<KV<Integer, JsonChunk>> out, ProcessContext context) {
      int buckets = Shuffle.bucketCount(context.sideInput(total), maxSamplesPerShard);
      long[] byBucket = new long[chunk.size()]; // bucket in the high half, record in the low: sorted, each bucket's records in order
      for (int i = 0; i < chunk.size(); i++) {
        byBucket[i] = (long) shuffle.bucket(SampleKeys.of(chunk.keyName(), chunk.position(i), 0), buckets) << 32 | i;
      }
      Arrays.sort(byBucket);
      int[] records = new int[chunk.size()];
      for (int i = 0; i < records.length; i++) {
        records[i] = (int) byBucket[i];
      }
      int runStart = 0;
      for (int j = 1; j <= records.length; j++) {
        if (j == records.length || byBucket[j] >>> 32 != byBucket[j - 1] >>> 32 || startsRun(chunk, records[j - 1], records[j])) {
          out.output(KV.of((int) (byBucket[j - 1] >>> 32), chunk.select(records, runStart, j)));
          runStart = j;
        }
      }
    }

    /** Whether record {@code next} begins a new run after record {@code previous} of the same bucket. */
    private boolean startsRun(JsonChunk chunk, int previous, int next) {
      return chunk.start(next) - chunk.end(previous) > MAX_GAP
          || chunk.end(previous) - chunk.start(previous) > maxRecordBytes
          || chunk.end(next) - chunk.start(next) > maxRecordBytes;
    }
  }
}
