package io.omniprep.validate;

import io.omniprep.metrics.Counters;
import io.omniprep.sample.Sample;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
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
