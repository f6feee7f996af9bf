package io.omniprep.shard;

import io.omniprep.sample.Sample;
import org.apache.beam.sdk.transforms.SerializableFunction;

/** Samples in record order (source, position, ordinal), weighed by their resolved media bytes. */
public final class SampleOrder implements SerializableFunction<Sample, ShardOrder> {
  private SampleOrder() {}

  /** All samples in one bucket, {@code all}. */
  public static SampleOrder inOneBucket() {
    return new SampleOrder();
  }

  @Override
  public ShardOrder apply(Sample s) {
    return new ShardOrder("all", s.source(), s.position(), s.ordinal(), s.resolvedBytes());
  }
}
