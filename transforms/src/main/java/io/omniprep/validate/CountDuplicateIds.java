package io.omniprep.validate;

import io.omniprep.metrics.Counters;
import io.omniprep.sample.Sample;
import io.omniprep.util.HashBatches;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/**
 * Counts repeated record ids (the {@code duplicate_ids} counter: for each id seen n times, n-1).
 * A repeated id is not an error: samples keep distinct keys, and all of them are kept.
 */
public final class CountDuplicateIds extends PTransform<PCollection<Sample>, PDone> {
  private CountDuplicateIds() {}

  public static CountDuplicateIds create() {
    return new CountDuplicateIds();
  }

  /** The same count over record ids (raw JSON) that a step has already taken from its samples. */
  public static PTransform<PCollection<String>, PDone> ofIds() {
    return new PTransform<PCollection<String>, PDone>() {
      @Override
      public PDone expand(PCollection<String> ids) {
        ids.apply("Count per id", Count.perElement()).apply("Count repeats", ParDo.of(new RepeatsFn()));
        return PDone.in(ids.getPipeline());
      }
    };
  }

  /**
   * The same count over batches of ids that chunk-local steps send, one batch per chunk and hash group
   * ({@link HashBatches}) instead of one element per record: a chunk of 10,000 records crosses the
   * exchange as at most {@link HashBatches#GROUPS} elements, and each group's ids meet in one worker.
   */
  public static PTransform<PCollection<KV<Integer, List<String>>>, PDone> ofIdBatches() {
    return new PTransform<PCollection<KV<Integer, List<String>>>, PDone>() {
      @Override
      public PDone expand(PCollection<KV<Integer, List<String>>> batches) {
        batches
            .apply("Group by id hash", GroupByKey.create())
            .apply("Count repeats", ParDo.of(new RepeatsInGroupFn()));
        return PDone.in(batches.getPipeline());
      }
    };
  }

  /** The coder of {@link #ofIdBatches}' input, for the step that makes it. */
  public static final Coder<KV<Integer, List<String>>> BATCH_CODER = HashBatches.coder(StringUtf8Coder.of());

  private static final class RepeatsInGroupFn extends DoFn<KV<Integer, Iterable<List<String>>>, Void> {
    @ProcessElement
    public void process(@Element KV<Integer, Iterable<List<String>>> group) {
      Map<String, Integer> seen = new HashMap<>();
      long repeats = 0;
      for (List<String> batch : group.getValue()) {
        for (String id : batch) {
          if (seen.merge(id, 1, Integer::sum) > 1) {
            repeats++;
          }
        }
      }
      if (repeats > 0) {
        Counters.duplicateIds().inc(repeats);
      }
    }
  }

  @Override
  public PDone expand(PCollection<Sample> samples) {
    return samples.apply("Ids", ParDo.of(new IdsFn())).setCoder(StringUtf8Coder.of()).apply("Count", ofIds());
  }

  private static final class IdsFn extends DoFn<Sample, String> {
    @ProcessElement
    public void process(@Element Sample s, OutputReceiver<String> out) {
      if (s.idJson() != null) {
        out.output(s.idJson());
      }
    }
  }

  private static final class RepeatsFn extends DoFn<KV<String, Long>, Void> {
    @ProcessElement
    public void process(@Element KV<String, Long> idCount) {
      if (idCount.getValue() > 1) {
        Counters.duplicateIds().inc(idCount.getValue() - 1);
      }
    }
  }
}
