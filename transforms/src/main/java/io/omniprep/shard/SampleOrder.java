package io.omniprep.shard;

import io.omniprep.sample.Sample;
import org.apache.beam.sdk.transforms.SerializableFunction;

/** Samples in record order (source, position, ordinal), weighed by their resolved media bytes. */
public final class SampleOrder implements SerializableFunction<Sample, ShardOrder> {
  private final SerializableFunction<Sample, String> bucket;

  private SampleOrder(SerializableFunction<Sample, String> bucket) {
    this.bucket = bucket;
  }

  /** All samples in one bucket, {@code all}. */
  public static SampleOrder inOneBucket() {
    return new SampleOrder(s -> "all");
  }

  @Override
  public ShardOrder apply(Sample s) {
    return new ShardOrder(bucket.apply(s), s.source(), s.position(), s.ordinal(), s.resolvedBytes());
  }
}
